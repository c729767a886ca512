package loader

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// utf8.ts's loops must give what TextEncoder and TextDecoder give, which
// the longer strings get: random strings of every kind of code unit (lone
// surrogates too) and random bytes, valid UTF-8 or not, both ways, in Node.
func TestUTF8(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node on PATH")
	}
	result := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join("src", "utf8.ts")},
		Bundle:      true,
		Format:      api.FormatESModule,
		Target:      api.ES2022,
		LogLevel:    api.LogLevelSilent,
	})
	if len(result.Errors) > 0 {
		t.Fatal(bundleError(result.Errors))
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "utf8.mjs"), result.OutputFiles[0].Contents, 0o644)
	os.WriteFile(filepath.Join(dir, "check.mjs"), []byte(utf8Check), 0o644)
	out, err := exec.Command("node", filepath.Join(dir, "check.mjs")).CombinedOutput()
	if err != nil || string(out) != "ok\n" {
		t.Errorf("node: %v\n%s", err, out)
	}
}

const utf8Check = `
import { readUTF8, writeUTF8 } from "./utf8.mjs";
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true });
const mem = new Uint8Array(1024);
let x = 2463534242; // xorshift32: repeatable, and its low bits vary too
const rand = (n) => {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) % n;
};
// Code units from every range UTF-8 treats apart; U+FEFF, which a
// decoder must keep, among them.
const unit = () => [rand(0x80), 0x80 + rand(0x780), 0x800 + rand(0xd000), 0xd800 + rand(0x400), 0xdc00 + rand(0x400), 0xe000 + rand(0x2000), 0xfeff][rand(7)];
// Bytes that are often, but not always, UTF-8.
const byte = () => [rand(0x80), 0x80 + rand(0x40), 0xc0 + rand(0x20), 0xe0 + rand(0x10), 0xf0 + rand(0x10), 0xed, 0xf4, 0xa0 + rand(0x20)][rand(8)];
const hex = (b) => Array.from(b, (x) => x.toString(16)).join(" ");
const failures = [];
// The edges of UTF-8's rules, each followed in memory by a continuation
// byte that a read past its end would take: overlong forms, surrogates,
// the last code point and the first past it, sequences cut short, a
// stray continuation byte, bytes UTF-8 never uses, a byte order mark.
const edges = ["c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "f0 80 80 80", "f0 8f bf bf", "ed a0 80", "ed bf bf", "ed 9f bf",
  "f4 8f bf bf", "f4 90 80 80", "f5 80 80 80", "e2 82", "f0 9f 98", "c3", "80", "ff fe", "ef bb bf 41", "41 ef bb bf"];
for (const e of edges) {
  const bytes = Uint8Array.from(e.split(" "), (h) => parseInt(h, 16));
  mem.set(bytes, 3);
  mem[3 + bytes.length] = 0x80;
  const read = readUTF8(mem, 3, bytes.length);
  if (read !== dec.decode(bytes)) failures.push("read " + e + ": " + JSON.stringify(read) + ", want " + JSON.stringify(dec.decode(bytes)));
}
for (let i = 0; i < 200000 && failures.length < 5; i++) {
  const s = String.fromCharCode(...Array.from({ length: rand(40) }, unit));
  const want = enc.encode(s);
  const n = writeUTF8(mem, 7, s);
  const got = mem.subarray(7, 7 + n);
  if (hex(got) !== hex(want)) failures.push("write " + JSON.stringify(s) + ": " + hex(got) + ", want " + hex(want));
  const bytes = Uint8Array.from({ length: rand(40) }, byte);
  mem.set(bytes, 3);
  const read = readUTF8(mem, 3, bytes.length);
  if (read !== dec.decode(bytes)) failures.push("read " + hex(bytes) + ": " + JSON.stringify(read) + ", want " + JSON.stringify(dec.decode(bytes)));
  mem.set(want, 5);
  if (readUTF8(mem, 5, want.length) !== dec.decode(want)) failures.push("read back " + JSON.stringify(s));
}
console.log(failures.length ? failures.join("\n") : "ok");
`
