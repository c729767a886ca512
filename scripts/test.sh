#!/usr/bin/env bash
# Runs every test of buildwasm: formatting, vet, unit and end-to-end tests
# (real Node, headless Chromium and Firefox, nginx, Go's own std suites under
# our runner, a third-party suite).
# About ten minutes on 2 cores with cold caches, seven with warm ones (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."

# The tests must leave the tree as they found it (a go command that rewrites
# go.work.sum, a test writing next to its fixtures): compared at the end.
tree_state() { git status --porcelain --untracked-files=all; git diff HEAD | sha256sum; }
in_git=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  in_git=true
  before=$(tree_state)
fi

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

echo "== buildwasm builds for macOS and Windows"
for os in darwin windows; do GOOS=$os go build -o /dev/null ./cmd/buildwasm; done

echo "== go test"
go test -timeout 25m "$@" ./...

if $in_git && [ "$(tree_state)" != "$before" ]; then
  echo "test.sh: the tests changed the work tree; commit what go writes (go.sum, go.work.sum) or keep test output out of the tree:" >&2
  git status --short >&2
  exit 1
fi
