package sourcemap

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"strings"
)

// MapOptions control the Source Map v3 that Map writes.
type MapOptions struct {
	// File names the generated file (the .wasm) in the map's "file" field.
	File string
	// SourcesContent embeds each source file's text, read from disk where
	// the binary's paths (or GOROOT, for standard library files) lead.
	SourcesContent bool
	// GOROOT is where $GOROOT/src files are read from for SourcesContent.
	GOROOT string
}

// Coverage says how much of the code a map covers.
type Coverage struct {
	CodeBytes   int // bytes of all function bodies
	MappedBytes int // of them, mapped to a file and line
	// By package (the function's import path): code and mapped bytes.
	Packages map[string]*PackageCoverage
}

// PackageCoverage is the coverage of one package's functions.
type PackageCoverage struct {
	CodeBytes, MappedBytes int
}

// spans calls fn for each stretch of code, from off to end in the file,
// in order: the package of its function, and its innermost frame (Line 0
// where none is known).
func (b *Binary) spans(fn func(pkg string, off, end int, inner Frame)) {
	for i, body := range b.mod.Bodies {
		pts := b.points[i]
		pkg := ""
		ft, ok := b.tab.tables(pts[0].pc)
		if ok {
			pkg = packageOf(ft.name)
		}
		for j, p := range pts {
			end := body.End
			if j+1 < len(pts) {
				end = pts[j+1].off
			}
			var inner Frame
			if ok {
				inner = ft.inner(p.pc)
			}
			fn(pkg, p.off, end, inner)
		}
	}
}

func mapped(f Frame) bool {
	return f.Line > 0 && f.File != "?" && f.File != ""
}

// Coverage measures how much of the code the map names a Go line for.
func (b *Binary) Coverage() Coverage {
	c := Coverage{Packages: map[string]*PackageCoverage{}}
	b.spans(func(pkg string, off, end int, inner Frame) {
		pc := c.Packages[pkg]
		if pc == nil {
			pc = &PackageCoverage{}
			c.Packages[pkg] = pc
		}
		pc.CodeBytes += end - off
		c.CodeBytes += end - off
		if mapped(inner) {
			pc.MappedBytes += end - off
			c.MappedBytes += end - off
		}
	})
	return c
}

// Map writes the Source Map v3 of the binary. It has one generated line;
// a generated column is a byte offset in the whole .wasm file, as browsers
// expect for wasm. A segment starts wherever the innermost file:line
// changes, naming the innermost function.
func (b *Binary) Map(opts MapOptions) ([]byte, error) {
	m := mapWriter{sources: map[string]int{}, names: map[string]int{}}
	prevFile, prevLine := "", -1
	b.spans(func(_ string, off, _ int, inner Frame) {
		switch {
		case !mapped(inner):
			if prevLine != -1 {
				m.unmapped(off)
				prevFile, prevLine = "", -1
			}
		case inner.File != prevFile || inner.Line != prevLine:
			m.segment(off, inner.File, inner.Line-1, inner.Function)
			prevFile, prevLine = inner.File, inner.Line
		}
	})
	if n := len(b.mod.Bodies); n > 0 {
		m.unmapped(b.mod.Bodies[n-1].End) // nothing after the code is Go source
	}

	sources := make([]string, len(m.sourceList))
	files := normalizeSources(m.sourceList)
	for i, raw := range m.sourceList {
		sources[i] = files[raw]
	}
	out := struct {
		Version        int       `json:"version"`
		File           string    `json:"file,omitempty"`
		Sources        []string  `json:"sources"`
		SourcesContent []*string `json:"sourcesContent,omitempty"`
		Names          []string  `json:"names"`
		Mappings       string    `json:"mappings"`
	}{Version: 3, File: opts.File, Sources: sources, Names: m.nameList, Mappings: m.buf.String()}
	if opts.SourcesContent {
		out.SourcesContent = make([]*string, len(sources))
		for i, raw := range m.sourceList {
			out.SourcesContent[i] = readSource(raw, sources[i], opts.GOROOT)
		}
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(js.Bytes(), []byte("\n")), nil
}

// packageOf is the import path of a function name such as
// "github.com/a/b.(*T).m" or "main.main".
func packageOf(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	if dot := strings.IndexByte(fn[slash+1:], '.'); dot >= 0 {
		return fn[:slash+1+dot]
	}
	return fn
}

// normalizeSources turns the binary's file names into what a published map
// should show. A -trimpath binary already names files as Go prints them
// ("runtime/proc.go", "github.com/a/b/c.go"): they stay. Absolute paths
// lose this machine's GOROOT ($GOROOT/src/...) and module cache
// (module@version/...); others stay, as they are all the binary knows.
// (Telling a trimmed standard library path from a module without a dot in
// its path is not possible from the names alone, so those get no prefix.)
func normalizeSources(files []string) map[string]string {
	goroot := ""
	for _, f := range files {
		if i := strings.LastIndex(f, "/src/runtime/"); i > 0 && path.IsAbs(f) {
			goroot = f[:i]
			break
		}
	}
	out := map[string]string{}
	for _, f := range files {
		switch {
		case goroot != "" && strings.HasPrefix(f, goroot+"/src/"):
			out[f] = "$GOROOT" + f[len(goroot):]
		case path.IsAbs(f) && strings.Contains(f, "/pkg/mod/"):
			out[f] = f[strings.Index(f, "/pkg/mod/")+len("/pkg/mod/"):]
		default:
			out[f] = f
		}
	}
	return out
}

func readSource(raw, published, goroot string) *string {
	var b []byte
	var err error
	switch {
	case path.IsAbs(raw):
		b, err = os.ReadFile(raw)
	case goroot != "" && strings.HasPrefix(published, "$GOROOT/"):
		b, err = os.ReadFile(goroot + strings.TrimPrefix(published, "$GOROOT"))
	case goroot != "" && !strings.HasPrefix(raw, "<"): // a -trimpath name: the standard library's if it is there
		b, err = os.ReadFile(path.Join(goroot, "src", raw))
	default:
		return nil
	}
	if err != nil {
		return nil
	}
	s := string(b)
	return &s
}

// mapWriter accumulates the mappings string of a single generated line.
type mapWriter struct {
	buf                  strings.Builder
	sources, names       map[string]int
	sourceList, nameList []string
	col, src, line, name int // previous values, for the deltas
	started              bool
}

func (m *mapWriter) index(table map[string]int, list *[]string, s string) int {
	if i, ok := table[s]; ok {
		return i
	}
	table[s] = len(*list)
	*list = append(*list, s)
	return len(*list) - 1
}

func (m *mapWriter) sep() {
	if m.started {
		m.buf.WriteByte(',')
	}
	m.started = true
}

func (m *mapWriter) segment(col int, file string, line int, name string) {
	// Consecutive segments mostly share a file and often a name: skip the
	// map lookups then.
	src, nm := m.src, m.name
	if len(m.sourceList) == 0 || file != m.sourceList[m.src] {
		src = m.index(m.sources, &m.sourceList, file)
	}
	if len(m.nameList) == 0 || name != m.nameList[m.name] {
		nm = m.index(m.names, &m.nameList, name)
	}
	m.sep()
	vlq(&m.buf, col-m.col)
	vlq(&m.buf, src-m.src)
	vlq(&m.buf, line-m.line)
	vlq(&m.buf, 0) // source column: Go's tables have lines only
	vlq(&m.buf, nm-m.name)
	m.col, m.src, m.line, m.name = col, src, line, nm
}

// unmapped ends the previous mapping at col.
func (m *mapWriter) unmapped(col int) {
	m.sep()
	vlq(&m.buf, col-m.col)
	m.col = col
}

const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// vlq writes v as a Base64 VLQ, sign in the lowest bit.
func vlq(b *strings.Builder, v int) {
	u := uint64(v) << 1
	if v < 0 {
		u = uint64(-v)<<1 | 1
	}
	for {
		digit := u & 31
		u >>= 5
		if u != 0 {
			digit |= 32
		}
		b.WriteByte(base64Digits[digit])
		if u == 0 {
			return
		}
	}
}
