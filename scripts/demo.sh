#!/usr/bin/env bash
# Builds buildwasm, builds the bundled example (examples/hello) into dist/,
# runs it once in Node, and says how to open it in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -o bin/buildwasm ./cmd/buildwasm
echo "\$ bin/buildwasm build -o dist ./examples/hello"
bin/buildwasm build -o dist ./examples/hello
wasm=$(sed -n 's/^ *"wasm": "\(.*\)",\{0,1\}$/\1/p' dist/manifest.json)
echo
echo "\$ bin/buildwasm exec dist/$wasm Gopher"
bin/buildwasm exec "dist/$wasm" Gopher
cat <<MSG

dist/ is ready for any static host or CDN (names are content-hashed; see manifest.json,
_headers and nginx.conf). To open it here, serve it and visit the page:
  python3 -m http.server -b 127.0.0.1 -d dist 8080     # then open http://127.0.0.1:8080/
In the page's console, the running program's exports:
  document.querySelector("script[data-buildwasm-wasm]").app.exports.greet("you")
For the dev loop (rebuild and reload on every save, compile errors in the page):
  bin/buildwasm serve ./examples/hello    # then open http://127.0.0.1:8080/
MSG
