#!/usr/bin/env bash
# Runs every test of buildwasm: formatting, vet, unit and end-to-end tests
# (real Node, headless Chromium, nginx, Go's own std suites under our runner).
# About 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi

echo "== go vet"
go vet ./...
GOOS=js GOARCH=wasm go vet ./examples/... ./shim/...

echo "== go test"
go test -timeout 25m "$@" ./...
