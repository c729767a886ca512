package dist

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

// File is one file of the output as the manifest lists it.
type File struct {
	Name string `json:"name"`
	Size int    `json:"size"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
	// Integrity is the file's Subresource Integrity value (sha384).
	Integrity string `json:"integrity"`
	// Encoding is "br", "gzip" or "dcz" for a compressed sibling of
	// Original.
	Encoding string `json:"encoding,omitempty"`
	Original string `json:"original,omitempty"`
	// DecodedSize is the size once any Content-Encoding is undone: what a
	// browser's fetch counts, and what a progress bar must divide by.
	DecodedSize int `json:"decodedSize"`
	// Dictionary is, for a delta (dcz), the hex SHA-256 of the earlier
	// program it decodes with; DecodedIntegrity is the SRI value of what it
	// decodes to, the program, which a fetch with integrity checks.
	Dictionary       string `json:"dictionary,omitempty"`
	DecodedIntegrity string `json:"decodedIntegrity,omitempty"`
	// Static marks a file copied from the static folder, and its siblings.
	Static bool `json:"static,omitempty"`
}

// contentEncoding is the Content-Encoding of a compressed sibling, by its
// extension.
var contentEncoding = map[string]string{".br": "br", ".gz": "gzip", ".dcz": "dcz"}

// describe lists files as the manifest does, sorted by name.
func describe(files map[string][]byte, deltas []delta) []File {
	var list []File
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		sum := sha256.Sum256(data)
		f := File{Name: name, Size: len(data), SHA256: hex.EncodeToString(sum[:]), Integrity: integrity(data), DecodedSize: len(data)}
		if orig := originalOf(name); orig != name && files[orig] != nil {
			f.Encoding, f.Original, f.DecodedSize = contentEncoding[path.Ext(name)], orig, len(files[orig])
		}
		if i := slices.IndexFunc(deltas, func(d delta) bool { return d.name == name }); i >= 0 {
			f.Dictionary, f.DecodedIntegrity = hex.EncodeToString(deltas[i].dictionary[:]), integrity(files[f.Original])
		}
		list = append(list, f)
	}
	return list
}

type manifest struct {
	Generator  string            `json:"generator"`
	Mode       string            `json:"mode"`
	Package    string            `json:"package"`
	GoVersion  string            `json:"goVersion"`
	HashScheme string            `json:"hashScheme,omitempty"`
	Entry      map[string]string `json:"entry"`
	Files      []File            `json:"files"`
}

// result describes the assets made, before they are written.
func result(o Options, p program, a *assets, s static, deltas []delta) *Result {
	res := &Result{OutDir: o.OutDir, ImportPath: p.pkg.ImportPath, GoVersion: wasmbin.GoVersion(p.wasm), Entry: a.entry, Files: describe(a.files, deltas), Public: s.dir}
	for i, f := range res.Files {
		res.Files[i].Static = s.has(f.Name)
	}
	return res
}

// addManifest adds manifest.json, which describes the output; it also
// marks a folder as ours, so a later build may replace it.
func addManifest(a *assets, o Options, res *Result) error {
	b, err := manifestJSON(o, res)
	a.files["manifest.json"] = b
	return err
}

func manifestJSON(o Options, res *Result) ([]byte, error) {
	m := manifest{
		Generator:  strings.TrimSpace("buildwasm " + o.Version),
		Mode:       "release",
		Package:    res.ImportPath,
		GoVersion:  res.GoVersion,
		HashScheme: HashScheme,
		Entry:      res.Entry,
		Files:      res.Files,
	}
	if o.Dev {
		m.Mode, m.HashScheme = "dev", ""
	}
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}
