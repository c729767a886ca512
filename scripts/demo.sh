#!/usr/bin/env bash
# Builds buildwasm and runs the bundled example, examples/hello, with it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -o bin/buildwasm ./cmd/buildwasm
echo "\$ GOOS=js GOARCH=wasm go run -exec 'bin/buildwasm exec' ./examples/hello ${*:-Gopher}"
GOOS=js GOARCH=wasm go run -exec "$PWD/bin/buildwasm exec" ./examples/hello "${@:-Gopher}"
