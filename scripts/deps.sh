#!/usr/bin/env bash
# Checks, and where it can installs, what buildwasm's tests need: Go 1.26 or
# newer, Node.js 20 or newer with npm, Chromium, Firefox ESR, and nginx with
# its brotli_static module. Run as root on Debian to let it
# install what is missing from Debian's packages.
set -euo pipefail

fail() { echo "deps: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not on PATH: install Go 1.26 or newer"
gover=$(go env GOVERSION)
minor=$(echo "$gover" | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "$minor" -ge 26 ] 2>/dev/null || fail "buildwasm needs Go 1.26 or newer to build; this is $gover"

missing=()
node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
node_ok() { command -v node >/dev/null && [ "$(node_major)" -ge 20 ]; }
chromium_ok() { [ -n "${CHROME:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }
firefox_ok() { command -v firefox-esr >/dev/null || command -v firefox >/dev/null; }
nginx_ok() { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }
brotli_ok() { [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; }
npm_ok() { command -v npm >/dev/null; }
node_ok || missing+=(nodejs)
npm_ok || missing+=(npm)
chromium_ok || missing+=(chromium)
firefox_ok || missing+=(firefox-esr)
nginx_ok || missing+=(nginx)
brotli_ok || missing+=(libnginx-mod-http-brotli-static)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "deps: installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "missing ${missing[*]}: run this as root on Debian to install them (apt-get install ${missing[*]}), or install them yourself"
  fi
fi
npm_ok || fail "the tests need npm on PATH (it installs TypeScript, Vite, webpack, publint and arethetypeswrong from the npm registry)"
node_ok || fail "the tests need Node.js 20 or newer on PATH (found: $(node --version 2>/dev/null || echo none)); install it and run again"
chromium_ok || fail "the tests need Chromium on PATH (or CHROME=/path/to/chrome)"
firefox_ok || fail "the tests need Firefox on PATH (Debian package firefox-esr)"
nginx_ok || fail "the tests need nginx (Debian package nginx)"
brotli_ok || fail "the tests need nginx's brotli_static module (Debian package libnginx-mod-http-brotli-static)"
echo "deps: $gover, node $(node --version), $(${CHROME:-chromium} --version 2>/dev/null | head -1), $( (firefox-esr --version || firefox --version) 2>/dev/null | head -1)"
