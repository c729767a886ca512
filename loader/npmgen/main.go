// Command npmgen writes npm/, the @buildwasm/loader package, from the
// loader's sources in loader/src: the one source of truth for buildwasm's
// dist and for npm. npm/ is not checked in: run npmgen from the
// repository's root to pack or publish the package (see README.md here);
// the tests write it to a folder of their own.
//
//	go run ./loader/npmgen [-o npm]
//
// It bundles the ES module and a <script> build with esbuild (as buildwasm
// does), and emits the type declarations with the TypeScript compiler pinned
// in loader/package.json (installed with npm ci on first use), which also
// type-checks the sources in strict mode.
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/loader"
	"github.com/buildwasm/buildwasm/sourcemap"
)

// Version is the package's version on npm.
const Version = "0.1.0"

// The package's README is kept apart from this folder's README.md, which
// is for whoever publishes the package and must not ship with it.
//
//go:embed package/README.md
var readme []byte

func main() {
	log.SetFlags(0)
	log.SetPrefix("npmgen: ")
	out := flag.String("o", "npm", "output `DIR`, replaced as a whole")
	flag.Parse()
	if _, err := os.Stat("loader/tsconfig.json"); err != nil {
		log.Fatal("run me from the repository's root: go run ./loader/npmgen")
	}
	if err := generate(*out); err != nil {
		log.Fatal(err)
	}
}

// generate writes the package beside out and swaps it in only when it is
// complete, so a failure leaves out as it was and no staging folder behind.
func generate(out string) error {
	stage, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), ".npmgen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	if err := write(stage); err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	return os.Rename(stage, out)
}

func write(dir string) error {
	module, err := loader.Bundle(loader.NPMModule, loader.Options{})
	if err != nil {
		return err
	}
	worker, err := loader.Bundle(loader.NPMWorker, loader.Options{})
	if err != nil {
		return err
	}
	script, err := loader.Bundle(loader.NPMModule, loader.Options{Minify: true, Global: "buildwasm"})
	if err != nil {
		return err
	}
	license, err := os.ReadFile("LICENSE")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"package.json":          packageJSON(),
		"README.md":             []byte(strings.NewReplacer("{{version}}", Version, "{{supported}}", sourcemap.Supported).Replace(string(readme))),
		"LICENSE":               license,
		"dist/index.js":         module,
		"dist/worker.js":        worker,
		"dist/buildwasm.min.js": script,
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return declarations(filepath.Join(dir, "dist", "types"))
}

// declarations runs tsc on the loader's sources, which both checks them
// (strict) and writes the .d.ts files of the public API.
func declarations(dir string) error {
	if _, err := os.Stat("loader/node_modules/.bin/tsc"); err != nil {
		if err := run("npm", "ci", "--no-audit", "--no-fund", "--prefix", "loader"); err != nil {
			return fmt.Errorf("installing TypeScript: %w", err)
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	return run("loader/node_modules/.bin/tsc", "-p", "loader/tsconfig.json", "--outDir", abs)
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, out.Bytes())
	}
	return nil
}

// packageJSON is written out by hand: the order of the "exports"
// conditions matters ("types" first), and JSON maps in Go are sorted.
func packageJSON() []byte {
	return []byte(`{
  "name": "@buildwasm/loader",
  "version": "` + Version + `",
  "description": "Load and run Go js/wasm programs in browsers and Node: streaming start-up, Go panics as JS errors with Go frames, worker mode, leak reports. No wasm_exec.js to copy.",
  "license": "BSD-3-Clause",
  "repository": {
    "type": "git",
    "url": "git+https://github.com/buildwasm/buildwasm.git",
    "directory": "npm"
  },
  "keywords": ["go", "golang", "wasm", "webassembly", "wasm_exec", "loader"],
  "type": "module",
  "main": "./dist/index.js",
  "types": "./dist/types/index.d.ts",
  "exports": {
    ".": {
      "types": "./dist/types/index.d.ts",
      "default": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "unpkg": "./dist/buildwasm.min.js",
  "jsdelivr": "./dist/buildwasm.min.js",
  "files": ["dist"],
  "sideEffects": ["./dist/worker.js"],
  "engines": {
    "node": ">=20"
  }
}
`)
}
