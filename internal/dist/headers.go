package dist

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
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
func addHeaders(a *assets, o Options, s static, deltas []delta) {
	csp := ""
	if o.CSP {
		csp = ContentSecurityPolicy(o.Base)
	}
	var p programHeaders
	if a.hashed {
		p = programHeaders{a.entry["wasm"], useAsDictionary(o.Base, a.entry["wasm"]), deltas}
	}
	a.files["_headers"] = headersFile(slices.Sorted(maps.Keys(a.files)), s.names(), csp, p)
	a.files["nginx.conf"] = nginxConf(csp, s.names(), p)
}

// programHeaders is what the header files say of a release build's
// program: browsers keep it as a compression dictionary, and a server
// that can choose sends a delta to those holding an earlier program.
type programHeaders struct {
	name string
	// useAsDictionary is the Use-As-Dictionary header's value.
	useAsDictionary string
	deltas          []delta
}

// useAsDictionary matches every later program of the same name under the
// asset base (without -base, the site's root): NAME.*.wasm. Chromium
// ignores patterns with regexp groups, so it is a plain wildcard, with
// URLPattern's own special characters escaped.
func useAsDictionary(base, wasmName string) string {
	dir := "/"
	if u, err := url.Parse(base); err == nil && u.Path != "" { // base was checked by Options.Check
		dir = u.Path
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(wasmName, ".wasm"), path.Ext(strings.TrimSuffix(wasmName, ".wasm")))
	var pattern strings.Builder
	for _, r := range dir + stem {
		if strings.ContainsRune(`:*?+(){}\`, r) {
			pattern.WriteByte('\\')
		}
		pattern.WriteRune(r)
	}
	pattern.WriteString(".*.wasm")
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(pattern.String()) // a structured-field string
	return `match="` + quoted + `", match-dest=("")`
}

// varyDelta is the Vary of every answer for the program: a cache in front
// of the server must not hand a delta to a client without its dictionary.
const varyDelta = "Accept-Encoding, Available-Dictionary"

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
func headersFile(names, static []string, csp string, p programHeaders) []byte {
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
		case strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".dcz") || name == "_headers" || name == "nginx.conf":
			// Those hosts compress on their own and serve these as is;
			// they cannot choose a delta by request header, so deltas
			// stay unused there.
		case name == p.name && name != "":
			fmt.Fprintf(&b, "/%s\n  Cache-Control: %s\n  Access-Control-Allow-Origin: *\n  Use-As-Dictionary: %s\n", name, cacheImmutable, p.useAsDictionary)
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
func nginxConf(csp string, static []string, p programHeaders) []byte {
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

` + nginxProgram(p, common) + `# Content-hashed names: cached for a year, readable from other origins (-base).
location ~ "\.[0-9a-f]{16}\.[a-z]+$" {
    add_header Cache-Control "` + cacheImmutable + `";
    add_header Access-Control-Allow-Origin "*";
` + common + `}

location / {
    add_header Cache-Control "` + cacheRevalidate + `";
` + common + `}
` + exact.String())
}

// nginxProgram is the locations of a release build's program and its
// deltas. The file is included in a server block, where nginx allows no
// map, so each delta is one if on a variable that joins the two request
// headers it depends on: the delta goes only to a browser that holds its
// dictionary and accepts dcz. "rewrite ... last" is one of the few things
// that are safe inside an if in a location.
func nginxProgram(p programHeaders, common string) string {
	if p.name == "" {
		return ""
	}
	headers := fmt.Sprintf(`    add_header Cache-Control "%s";
    add_header Access-Control-Allow-Origin "*";
    add_header Vary "%s";
    add_header Use-As-Dictionary '%s';
%s`, cacheImmutable, varyDelta, p.useAsDictionary, common)
	var b strings.Builder
	b.WriteString(`# The program. Browsers keep it as a compression dictionary (Use-As-Dictionary)
# and name it in Available-Dictionary when they fetch a later program. Its
# own Vary replaces gzip_vary's, since every answer depends on both headers.
`)
	fmt.Fprintf(&b, "location ~ \"/%s$\" {\n", regexp.QuoteMeta(p.name))
	if len(p.deltas) > 0 {
		b.WriteString("    set $buildwasm_delta \"$http_available_dictionary $http_accept_encoding\";\n")
		for _, d := range p.deltas {
			fmt.Fprintf(&b, "    if ($buildwasm_delta ~ \"^%s (.*[ ,])?dcz([ ,;]|$)\") {\n        rewrite ^(.*)$ $1%s last;\n    }\n",
				regexp.QuoteMeta(d.availableDictionary()), strings.TrimPrefix(d.name, p.name))
		}
	}
	b.WriteString("    gzip_vary off;\n" + headers + "}\n\n")
	if len(p.deltas) > 0 {
		b.WriteString(`# Deltas of the program against earlier ones (-delta-from), reached only
# through the rewrites above.
location ~ "\.wasm\.[0-9a-f]{16}\.dcz$" {
    internal;
    types { }
    default_type application/wasm;
    add_header Content-Encoding dcz;
` + headers + "}\n\n")
	}
	return b.String()
}
