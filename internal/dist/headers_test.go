package dist

import (
	"testing"
)

func TestHeaderFiles(t *testing.T) {
	names := []string{"_headers", "app.0123456789abcdef.wasm", "app.0123456789abcdef.wasm.br", "index.html", "index.html.gz", "manifest.json", "nginx.conf"}
	static := []string{"data.json", "img/logo.0123456789abcdef.png"}
	golden(t, "_headers", headersFile(append(names, static...), static, ""))
	golden(t, "_headers.csp", headersFile(names, nil, ContentSecurityPolicy("https://cdn.example.com/app/")))
	golden(t, "nginx.conf", nginxConf("", static))
	golden(t, "nginx.csp.conf", nginxConf(ContentSecurityPolicy(""), nil))
}
