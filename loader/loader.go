// Package loader holds buildwasm's JavaScript loader for Go js/wasm programs
// and bundles it with esbuild's Go API, so that the buildwasm binary carries
// everything it needs: no npm step at install or build time.
//
// The loader is generic: the same bytes serve every program (per-program
// settings are passed to load at run time), so one file caches across
// deploys and is what the npm package ships.
package loader

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/buildwasm/buildwasm/sourcemap"
	"github.com/evanw/esbuild/pkg/api"
)

//go:embed src/*.ts src/worker/*.ts
var sources embed.FS

// Entry is a bundle the loader sources produce.
type Entry struct {
	file string // in src/
	// npm builds the npm package's form: worker mode starts worker.js
	// (NPMWorker) beside the module, where bundlers find it, instead of
	// the module itself (src/worker/own.npm.ts replaces own.ts).
	npm bool
}

func (e Entry) String() string {
	if e.npm {
		return e.file + " (npm)"
	}
	return e.file
}

var (
	// Module is the loader as an ES module exporting load and the error classes.
	Module = Entry{file: "index.ts"}
	// Boot is the page script of a dist: it reads the program's and the
	// loader's URLs from the page and loads the one with the other.
	Boot = Entry{file: "boot.ts"}
	// NodeRunner is the program `buildwasm exec` gives to node: the loader plus
	// a main that runs the wasm file named in argv.
	NodeRunner = Entry{file: "exec.ts"}
	// NPMModule is Module as the npm package ships it.
	NPMModule = Entry{file: "index.ts", npm: true}
	// NPMWorker is the npm package's worker script, which NPMModule starts
	// for worker mode.
	NPMWorker = Entry{file: "worker/main.ts", npm: true}
)

// Options select how a bundle is written.
type Options struct {
	// Minify makes the release form; otherwise the output is readable.
	Minify bool
	// Global, if set, makes a script for a plain <script> tag that puts the
	// module's exports on the global object under this name (an IIFE)
	// instead of an ES module.
	Global string
}

type key struct {
	entry Entry
	opts  Options
}

var (
	mu    sync.Mutex
	cache = map[key][]byte{}
)

// Bundle returns the bundled JavaScript of entry. Results are cached for the
// life of the process; the bytes must not be modified.
func Bundle(entry Entry, opts Options) ([]byte, error) {
	mu.Lock()
	defer mu.Unlock()
	k := key{entry, opts}
	if b, ok := cache[k]; ok {
		return b, nil
	}
	b, err := build(entry, opts)
	if err != nil {
		return nil, err
	}
	cache[k] = b
	return b, nil
}

const namespace = "buildwasm-loader"

// supportedGo is the Go range check.ts names, as a JS string literal.
var supportedGo = func() string {
	b, _ := json.Marshal(sourcemap.Supported)
	return string(b)
}()

func build(entry Entry, opts Options) ([]byte, error) {
	result := api.Build(buildOptions(entry, opts))
	if len(result.Errors) > 0 {
		return nil, bundleError(result.Errors)
	}
	if len(result.OutputFiles) != 1 {
		return nil, errors.New("bundling the loader: esbuild wrote no output")
	}
	return result.OutputFiles[0].Contents, nil
}

// buildOptions is apart from build so that the tests can ask esbuild about
// the same bundle (its import graph).
func buildOptions(entry Entry, opts Options) api.BuildOptions {
	platform := api.PlatformNeutral
	if entry == NodeRunner {
		platform = api.PlatformNode
	}
	format := api.FormatESModule
	if opts.Global != "" {
		format = api.FormatIIFE
	}
	return api.BuildOptions{
		EntryPoints:       []string{entry.file},
		Bundle:            true,
		Write:             false,
		Format:            format,
		GlobalName:        opts.Global,
		Platform:          platform,
		Target:            api.ES2022,
		MinifyWhitespace:  opts.Minify,
		MinifyIdentifiers: opts.Minify,
		MinifySyntax:      opts.Minify,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{embedded(entry.npm)},
		Define:            map[string]string{"BUILDWASM_SUPPORTED_GO": supportedGo},
	}
}

func bundleError(errs []api.Message) error {
	msgs := make([]string, len(errs))
	for i, m := range errs {
		msgs[i] = m.Text
		if m.Location != nil {
			msgs[i] = fmt.Sprintf("%s:%d: %s", m.Location.File, m.Location.Line, m.Text)
		}
	}
	return fmt.Errorf("bundling the loader: %s", strings.Join(msgs, "; "))
}

// embedded serves the loader's sources from the binary instead of the
// disk, with the npm package's variants if npm is set.
func embedded(npm bool) api.Plugin {
	return api.Plugin{Name: "embedded", Setup: func(b api.PluginBuild) {
		// node: modules stay imports.
		b.OnResolve(api.OnResolveOptions{Filter: `^node:`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			return api.OnResolveResult{Path: args.Path, External: true}, nil
		})
		b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			// Sources import each other as "./bridge.js", the form Node's
			// ESM resolution needs in the declarations tsc emits from them.
			p := path.Clean(path.Join(path.Dir(args.Importer), strings.TrimSuffix(args.Path, ".js")))
			if !strings.HasSuffix(p, ".ts") {
				p += ".ts"
			}
			if npm && p == "worker/own.ts" {
				p = "worker/own.npm.ts"
			}
			return api.OnResolveResult{Path: p, Namespace: namespace}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: namespace}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := sources.ReadFile(path.Join("src", args.Path))
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := string(src)
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderTS}, nil
		})
	}}
}
