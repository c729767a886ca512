package dist

import "github.com/buildwasm/buildwasm/loader"

// addScripts adds the loader, the page's boot script and its stylesheet:
// the same bytes for every program, minified in release builds.
func addScripts(a *assets, dev bool) error {
	opts := loader.Options{Minify: !dev}
	for role, kind := range scripts {
		js, err := loader.Bundle(kind, opts)
		if err != nil {
			return err
		}
		a.add(role, role+".js", js)
	}
	css, err := stylesheet(dev)
	if err != nil {
		return err
	}
	a.add("style", "style.css", css)
	return nil
}

// scripts are the bundles a dist ships, by role.
var scripts = map[string]loader.Entry{"loader": loader.Module, "boot": loader.Boot}

// warmLoader bundles the scripts ahead of addScripts (loader.Bundle keeps
// them), while the go commands run.
func warmLoader(dev bool) {
	for _, kind := range scripts {
		loader.Bundle(kind, loader.Options{Minify: !dev})
	}
}
