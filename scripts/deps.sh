#!/usr/bin/env bash
# Checks, and where it can installs, what buildwasm's tests need: Go 1.26 or
# newer and Node.js 20 or newer. Run as root on Debian to let it install.
set -euo pipefail

fail() { echo "deps: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not on PATH: install Go 1.26 or newer from the Go website"
gover=$(go env GOVERSION)
minor=$(echo "$gover" | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "$minor" -ge 26 ] 2>/dev/null || fail "buildwasm needs Go 1.26 or newer to build; this is $gover"

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if ! command -v node >/dev/null || [ "$(node_major)" -lt 20 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "deps: installing Node.js from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
  fi
  command -v node >/dev/null && [ "$(node_major)" -ge 20 ] ||
    fail "the tests need Node.js 20 or newer on PATH (found: $(node --version 2>/dev/null || echo none)); install it and run again"
fi
echo "deps: $gover, node $(node --version)"
