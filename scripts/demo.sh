#!/usr/bin/env bash
# Builds buildwasm, builds the bundled example (examples/hello) into dist/,
# runs it once in Node, and says how to open it in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -o bin/buildwasm ./cmd/buildwasm
echo "\$ bin/buildwasm build -o dist ./examples/hello"
bin/buildwasm build -o dist ./examples/hello
echo
echo "\$ bin/buildwasm exec dist/hello.wasm Gopher"
bin/buildwasm exec dist/hello.wasm Gopher
cat <<MSG

dist/ is ready for any static host. To open it here, serve it and visit the page:
  python3 -m http.server -d dist 8080     # then open http://localhost:8080/
In the page's console:
  const app = await (await import("./loader.js")).load("hello.wasm"); app.exports.greet("you")
MSG
