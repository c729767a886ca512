package dist

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"
)

// assets are the files of the output as the steps make them, and the part
// each plays (entry: html, boot, loader, style, wasm, sourcemap, worker).
// In release builds each asset is named by its content, so it can be
// cached forever; dev builds keep stable names for the dev server.
type assets struct {
	hashed bool
	files  map[string][]byte
	entry  map[string]string
}

func newAssets(hashed bool) *assets {
	return &assets{hashed: hashed, files: map[string][]byte{}, entry: map[string]string{}}
}

// add stores data as the file playing role and returns its final name.
func (a *assets) add(role, name string, data []byte) string {
	if a.hashed {
		name = hashedName(name, data)
	}
	a.files[name], a.entry[role] = data, name
	return name
}

// integrity is the Subresource Integrity value of the file playing role.
func (a *assets) integrity(role string) string {
	return integrity(a.files[a.entry[role]])
}

// HashScheme is how release builds name their assets, written into the
// manifest so that deploy tools need not guess.
const HashScheme = "NAME.HASH.EXT, HASH = first 16 hex digits of the SHA-256 of the file as written"

// hashedName puts the content hash before the extension:
// app.wasm → app.0123456789abcdef.wasm. Any change to the bytes changes
// the name, so hashed files can be cached forever.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:8]) + ext
}

// isHashed reports whether a file name carries a content hash (or is a
// compressed sibling of one), as hashedName writes it.
func isHashed(name string) bool {
	name = originalOf(name)
	stem := strings.TrimSuffix(name, path.Ext(name))
	i := strings.LastIndexByte(stem, '.')
	return i >= 0 && isHexHash(stem[i+1:])
}

// isHexHash reports whether s is a name's hash: 16 lower-case hex digits.
func isHexHash(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && len(s) == 16 && strings.ToLower(s) == s
}

// integrity is the Subresource Integrity value of data.
func integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// originalOf is the file a compressed sibling (NAME.br, NAME.gz, or a
// delta NAME.DICT.dcz) is made from; other names are their own.
func originalOf(name string) string {
	if stem, ok := strings.CutSuffix(name, ".dcz"); ok && isHexHash(strings.TrimPrefix(path.Ext(stem), ".")) {
		return strings.TrimSuffix(stem, path.Ext(stem))
	}
	return strings.TrimSuffix(strings.TrimSuffix(name, ".br"), ".gz")
}
