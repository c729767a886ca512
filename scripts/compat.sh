#!/usr/bin/env bash
# The slow matrix, kept out of CI, with every supported older and newer
# toolchain (go1.24.13, go1.25.5, go1.27.3), each fetched once through the
# module proxy by GOTOOLCHAIN: Go's syscall/js suite under buildwasm exec, as
# it is and patched; source maps of their binaries checked against V8 and
# runtime.CallersFrames; the panic cases built by buildwasm build with
# each toolchain, in a module that says go 1.24; what js.Func callbacks
# leave behind under the runtime patch (TestAfterEventCompat); and
# buildwasm vet -json's output with each (or its refusal of a newer
# toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
BUILDWASM_COMPAT=1 go test -count=1 -run 'Compat' -v -timeout 30m ./tests/
