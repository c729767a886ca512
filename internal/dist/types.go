package dist

import (
	"strings"

	"github.com/buildwasm/buildwasm/internal/exports"
)

// addDeclarations adds NAME.d.ts, the TypeScript of the program's typed
// exports, if it has any. It keeps its name in every build: developers
// import it, browsers never fetch it.
func addDeclarations(a *assets, p program) {
	if len(p.exports) == 0 {
		return
	}
	name := strings.TrimSuffix(p.name, ".wasm") + ".d.ts"
	a.files[name], a.entry["types"] = exports.Declarations(p.pkg.ImportPath, p.exports), name
}
