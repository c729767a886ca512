// A program of the size real web apps reach (~10 MB): it links net/http,
// encoding/json, html/template and regexp, renders a page with them, and
// tells the page when it is ready by calling window.benchReady, so that
// every loader in the start-up benchmark is timed at the same point.
package main

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/http"
	"regexp"
	"syscall/js"
)

var page = template.Must(template.New("page").Parse(`<ul>{{range .}}<li>{{.Name}}: {{.Count}}</li>{{end}}</ul>`))

// build is set by the foundation benchmark (-X main.build=...) to change
// the program's bytes without changing what it does.
var build string

type item struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func main() {
	var items []item
	if err := json.Unmarshal([]byte(`[{"name":"gopher","count":3},{"name":"wasm","count":7}]`), &items); err != nil {
		panic(err)
	}
	word := regexp.MustCompile(`^[a-z]+$`)
	for _, it := range items {
		if !word.MatchString(it.Name) {
			panic("bad name " + it.Name)
		}
	}
	var out bytes.Buffer
	if err := page.Execute(&out, items); err != nil {
		panic(err)
	}
	req, _ := http.NewRequest("GET", "/status", nil)
	doc := js.Global().Get("document")
	if doc.Truthy() && doc.Get("body").Truthy() {
		div := doc.Call("createElement", "div")
		div.Set("innerHTML", out.String()+"<p>"+req.Method+" "+req.URL.Path+"</p>")
		div.Call("setAttribute", "data-build", build)
		doc.Get("body").Call("append", div)
	}
	if ready := js.Global().Get("benchReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
