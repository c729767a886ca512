package dist

import (
	"crypto/sha256"
	"testing"
)

func TestHeaderFiles(t *testing.T) {
	names := []string{"_headers", "app.0123456789abcdef.wasm", "app.0123456789abcdef.wasm.br", "app.0123456789abcdef.wasm.9f86d081884c7d65.dcz", "index.html", "index.html.gz", "manifest.json", "nginx.conf"}
	static := []string{"data.json", "img/logo.0123456789abcdef.png"}
	var deltas []delta
	for _, dict := range []string{"test", "one"} {
		sum := sha256.Sum256([]byte(dict))
		deltas = append(deltas, delta{deltaName("app.0123456789abcdef.wasm", sum), sum})
	}
	p := programHeaders{"app.0123456789abcdef.wasm", useAsDictionary("", "app.0123456789abcdef.wasm"), deltas}
	golden(t, "_headers", headersFile(append(names, static...), static, "", p))
	golden(t, "_headers.csp", headersFile(names, nil, ContentSecurityPolicy("https://cdn.example.com/app/"), programHeaders{}))
	golden(t, "nginx.conf", nginxConf("", static, p))
	golden(t, "nginx.csp.conf", nginxConf(ContentSecurityPolicy(""), nil, programHeaders{}))
}

func TestUseAsDictionary(t *testing.T) {
	for _, c := range []struct{ base, name, want string }{
		{"", "app.0123456789abcdef.wasm", `match="/app.*.wasm", match-dest=("")`},
		{"https://cdn.example.com/v/app/", "hello.0123456789abcdef.wasm", `match="/v/app/hello.*.wasm", match-dest=("")`},
		{"/static/", "a+b(1).0123456789abcdef.wasm", `match="/static/a\\+b\\(1\\).*.wasm", match-dest=("")`},
	} {
		if got := useAsDictionary(c.base, c.name); got != c.want {
			t.Errorf("useAsDictionary(%q, %q) = %s; want %s", c.base, c.name, got, c.want)
		}
	}
}
