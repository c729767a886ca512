package build

import (
	"fmt"
	"slices"
	"strings"
)

// Caching: hashed names never change content, so they are cached for a
// year; everything else is revalidated on every visit.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// ContentSecurityPolicy is the strict policy -csp emits: scripts, styles
// and fetches only from the page's origin and the asset base, WebAssembly
// compilation allowed, no eval and no inline code. buildwasm serve -csp
// sends it too.
func ContentSecurityPolicy(base string) string {
	src := "'self'"
	if base != "" {
		src += " " + base
	}
	return "default-src 'self'; script-src " + src + " 'wasm-unsafe-eval'; style-src " + src +
		"; connect-src " + src + "; object-src 'none'; base-uri 'self'"
}

// headersFile is _headers for Netlify and Cloudflare Pages. Those hosts
// merge the headers of every rule a path matches, so each path gets
// exactly one Cache-Control.
func headersFile(names []string, csp string) []byte {
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by buildwasm.\n")
	b.WriteString("/*\n  X-Content-Type-Options: nosniff\n")
	if csp != "" {
		fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", csp)
	}
	for _, name := range slices.Concat([]string{""}, names) {
		switch {
		case strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || name == "_headers" || name == "nginx.conf":
			// Those hosts compress on their own and serve these as is.
		case isHashed(name):
			fmt.Fprintf(&b, "/%s\n  Cache-Control: %s\n  Access-Control-Allow-Origin: *\n", name, cacheImmutable)
		default:
			fmt.Fprintf(&b, "/%s\n  Cache-Control: %s\n", name, cacheRevalidate)
		}
	}
	return []byte(b.String())
}

// nginxConf is a server-level include for nginx. add_header in a location
// drops every add_header of the server level, so each location repeats
// the headers it needs.
func nginxConf(csp string) []byte {
	common := "    add_header X-Content-Type-Options nosniff always;\n"
	if csp != "" {
		common += fmt.Sprintf("    add_header Content-Security-Policy %q always;\n", csp)
	}
	return []byte(`# nginx settings for this folder, written by buildwasm. Include the file in a
# server block whose root is this folder:
#
#     server {
#         listen 80;
#         root /srv/app/dist;
#         include /srv/app/dist/nginx.conf;
#     }
#
# brotli_static needs nginx's brotli module (Debian: libnginx-mod-http-brotli-static);
# without it, delete that line and browsers get the .gz files.

types {
    text/html html;
    text/css css;
    text/javascript js;
    application/json json map;
    application/wasm wasm;
}
default_type application/octet-stream;
index index.html;
charset utf-8;
charset_types text/css text/javascript application/json;
gzip_static on;
gzip_vary on;
brotli_static on;

location ~ ^/(nginx\.conf|_headers)$ {
    return 404;
}

# Content-hashed names: cached for a year, readable from other origins (-base).
location ~ "\.[0-9a-f]{16}\.[a-z]+$" {
    add_header Cache-Control "` + cacheImmutable + `";
    add_header Access-Control-Allow-Origin "*";
` + common + `}

location / {
    add_header Cache-Control "` + cacheRevalidate + `";
` + common + `}
`)
}
