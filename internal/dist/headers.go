package dist

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Caching: hashed names never change content, so they are cached for a
// year; everything else is revalidated on every visit.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// addHeaders adds _headers and nginx.conf for the files made so far.
func addHeaders(a *assets, o Options, s static) {
	csp := ""
	if o.CSP {
		csp = ContentSecurityPolicy(o.Base)
	}
	a.files["_headers"] = headersFile(slices.Sorted(maps.Keys(a.files)), s.names(), csp)
	a.files["nginx.conf"] = nginxConf(csp, s.names())
}

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
// exactly one Cache-Control. Static files (copied from public/) keep their
// names, so they are revalidated whatever their names look like.
func headersFile(names, static []string, csp string) []byte {
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by buildwasm.\n")
	b.WriteString("/*\n  X-Content-Type-Options: nosniff\n")
	if csp != "" {
		fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", csp)
	}
	for _, name := range slices.Concat([]string{""}, names) {
		switch {
		case slices.Contains(static, name):
			fmt.Fprintf(&b, "/%s\n  Cache-Control: %s\n", name, cacheRevalidate)
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
// the headers it needs. A types block replaces nginx's own table, so it
// lists every type buildwasm knows; static files whose names look
// content-hashed get exact locations that revalidate them.
func nginxConf(csp string, static []string) []byte {
	common := "    add_header X-Content-Type-Options nosniff always;\n"
	if csp != "" {
		common += fmt.Sprintf("    add_header Content-Security-Policy %q always;\n", csp)
	}
	byType := map[string][]string{}
	for ext, t := range mimeTypes {
		byType[t] = append(byType[t], strings.TrimPrefix(ext, "."))
	}
	var types strings.Builder
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		slices.Sort(byType[t])
		fmt.Fprintf(&types, "    %s %s;\n", t, strings.Join(byType[t], " "))
	}
	var exact strings.Builder
	for _, name := range static {
		if isHashed(name) {
			fmt.Fprintf(&exact, "\n# A static file: its name looks content-hashed, but it is not.\nlocation = \"/%s\" {\n    add_header Cache-Control \"%s\";\n%s}\n", name, cacheRevalidate, common)
		}
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
` + types.String() + `}
default_type application/octet-stream;
index index.html;
charset utf-8;
charset_types text/css text/javascript text/plain text/csv application/json application/manifest+json application/xml image/svg+xml;
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
` + exact.String())
}
