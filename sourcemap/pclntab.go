package sourcemap

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

// Go's wasm linker numbers functions from here: a function's PC is
// (funcValueOffset + code body index) << 16 | PC_B.
const funcValueOffset = 0x1000

// pcHeaderMagic starts Go's pclntab since Go 1.20: magic 0xfffffff1, two
// zero pads, minLC 1 and pointer size 8, as they are on wasm.
var pcHeaderMagic = []byte{0xf1, 0xff, 0xff, 0xff, 0x00, 0x00, 0x01, 0x08}

// Indexes into a function's pcdata and funcdata arrays.
const (
	pcdataInlTreeIndex = 2
	funcdataInlTree    = 3
)

// pclntab is the decoded runtime symbol table of one binary.
type pclntab struct {
	mem         []byte // linear memory rebuilt from the data segments
	funcnametab []byte
	cutab       []byte
	filetab     []byte
	pctab       []byte
	functab     []byte // the functab and the _func records after it
	gofunc      int    // address of go:func.*, base of funcdata offsets
	nfunc       int
	entryIsPC   bool // Go 1.24 stores whole PCs in functab; later versions PC_F

	decoded []*funcTables  // by functab index, filled on first use
	strings map[int]string // interned names: funcnametab offsets, and filetab offsets negated -1
}

// funcName and fileName intern the strings a map repeats millions of times.
func (t *pclntab) funcName(off int) string { return t.intern(off, t.funcnametab) }

func (t *pclntab) fileName(off int) string { return t.intern(-1-off, t.filetab) }

func (t *pclntab) intern(key int, tab []byte) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	off := key
	if key < 0 {
		off = -1 - key
	}
	s := t.cstring(tab, off)
	t.strings[key] = s
	return s
}

// funcTables are one function's pc-value tables decoded once, so that
// mapping every point of a large binary stays linear.
type funcTables struct {
	fn
	name            string
	file, line, inl []run
	tree            int      // address of the inline tree; -1 if none
	bad             bool     // the record could not be read
	files           []string // file names by file number, filled on first use
}

// run says that PCs below end have value val.
type run struct {
	end uint64
	val int32
}

// decodeRuns expands a pc-value table into runs.
func (f fn) decodeRuns(off uint32) []run {
	if off == 0 || int(off) >= len(f.t.pctab) {
		return nil
	}
	p := f.t.pctab[off:]
	pc := f.entry
	val := int32(-1)
	var out []run
	for first := true; ; first = false {
		uv, n := binary.Uvarint(p)
		if n <= 0 || uv == 0 && !first {
			return out
		}
		p = p[n:]
		val += int32(-(uv & 1) ^ (uv >> 1))
		pd, n := binary.Uvarint(p)
		if n <= 0 {
			return out
		}
		p = p[n:]
		pc += pd
		out = append(out, run{pc, val})
	}
}

func lookupRun(runs []run, pc uint64) int32 {
	lo, hi := 0, len(runs) // the first run with pc < end
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if pc < runs[mid].end {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == len(runs) {
		return -1
	}
	return runs[lo].val
}

// tables returns the decoded tables of the function containing pc.
func (t *pclntab) tables(pc uint64) (*funcTables, bool) {
	i := sort.Search(t.nfunc, func(i int) bool { return t.entry(i) > pc }) - 1
	if i < 0 {
		return nil, false
	}
	if ft := t.decoded[i]; ft != nil {
		return ft, !ft.bad
	}
	f, ok := t.record(i)
	if !ok {
		t.decoded[i] = &funcTables{bad: true}
		return nil, false
	}
	ft := &funcTables{fn: f, name: f.funcName(), file: f.decodeRuns(f.u32(20)), line: f.decodeRuns(f.u32(24)), tree: -1}
	if tree, ok := f.funcdata(funcdataInlTree); ok {
		ft.tree = tree
		ft.inl = f.decodeRuns(f.pcdata(pcdataInlTreeIndex))
	}
	t.decoded[i] = ft
	return ft, true
}

// memoryImage lays the active data segments out as linear memory.
func memoryImage(segs []wasmbin.Segment) ([]byte, error) {
	size := 0
	for _, s := range segs {
		size = max(size, s.Addr+len(s.Data))
	}
	if size > 1<<30 {
		return nil, fmt.Errorf("data segments span %d bytes: not a plausible Go program", size)
	}
	mem := make([]byte, size)
	for _, s := range segs {
		copy(mem[s.Addr:], s.Data)
	}
	return mem, nil
}

// moduledata offsets of gofunc: it moved when Go 1.27 added fields before it.
var gofuncOffsets = []int{320, 344}

// findAligned returns the first 8-byte aligned index of pattern in mem, or -1.
func findAligned(mem, pattern []byte) int {
	for off := 0; ; {
		i := bytes.Index(mem[off:], pattern)
		if i < 0 {
			return -1
		}
		if (off+i)%8 == 0 {
			return off + i
		}
		off += i + 1
	}
}

func readPclntab(mem []byte, goVersion string) (*pclntab, error) {
	hdr := findAligned(mem, pcHeaderMagic)
	if hdr < 0 {
		return nil, errors.New("no Go pclntab in the data segments (was it built by Go 1.20 or newer for js/wasm?)")
	}
	u64 := func(addr int) (int, error) {
		if addr < 0 || addr+8 > len(mem) {
			return 0, fmt.Errorf("pclntab: address %#x outside memory", addr)
		}
		v := binary.LittleEndian.Uint64(mem[addr:])
		if v > uint64(len(mem)) && v > 1<<40 {
			return 0, fmt.Errorf("pclntab: implausible value %#x at %#x", v, addr)
		}
		return int(v), nil
	}
	// nfunc, nfiles, textStart (unused), then the offsets of funcnametab,
	// cutab, filetab and pctab from the header; functab's follows.
	var fields [7]int
	for i := range fields {
		v, err := u64(hdr + 8 + 8*i)
		if err != nil {
			return nil, err
		}
		fields[i] = v
	}
	pcln, err := u64(hdr + 64)
	if err != nil {
		return nil, err
	}
	nfunc, funcnameOff, cuOff, fileOff, pcOff := fields[0], fields[3], fields[4], fields[5], fields[6]
	offs := []int{funcnameOff, cuOff, fileOff, pcOff, pcln}
	for i, o := range offs {
		if o <= 0 || hdr+o >= len(mem) || (i > 0 && o < offs[i-1]) {
			return nil, fmt.Errorf("pclntab header at %#x has inconsistent table offsets %v", hdr, offs)
		}
	}
	if nfunc <= 0 || hdr+pcln+8*(nfunc+1) > len(mem) {
		return nil, fmt.Errorf("pclntab header at %#x has an implausible function count %d", hdr, nfunc)
	}
	t := &pclntab{
		mem:         mem,
		funcnametab: mem[hdr+funcnameOff : hdr+cuOff],
		cutab:       mem[hdr+cuOff : hdr+fileOff],
		filetab:     mem[hdr+fileOff : hdr+pcOff],
		pctab:       mem[hdr+pcOff : hdr+pcln],
		functab:     mem[hdr+pcln:],
		nfunc:       nfunc,
	}
	t.entryIsPC = binary.LittleEndian.Uint32(t.functab) >= 1<<16
	t.decoded = make([]*funcTables, nfunc)
	t.strings = map[int]string{}

	// moduledata starts with a pointer to the header and the funcnametab
	// slice: find it to learn gofunc, where inline trees live.
	var want [16]byte
	binary.LittleEndian.PutUint64(want[:], uint64(hdr))
	binary.LittleEndian.PutUint64(want[8:], uint64(hdr+funcnameOff))
	md := findAligned(mem, want[:])
	if md < 0 {
		return nil, errors.New("no Go moduledata in the data segments")
	}
	gofuncAt := gofuncOffsets[0]
	if minor := goMinor(goVersion); minor >= 27 {
		gofuncAt = gofuncOffsets[1]
	}
	if t.gofunc, err = u64(md + gofuncAt); err != nil {
		return nil, err
	}
	return t, nil
}

// goMinor is the minor version of "go1.26.8" (26), or 0.
func goMinor(v string) int {
	rest, ok := strings.CutPrefix(v, "go1.")
	if !ok {
		return 0
	}
	if i := strings.IndexAny(rest, ".rcbeta-"); i >= 0 {
		rest = rest[:i]
	}
	n, _ := strconv.Atoi(rest)
	return n
}

// entry returns the entry PC of function i of the functab.
func (t *pclntab) entry(i int) uint64 {
	e := uint64(binary.LittleEndian.Uint32(t.functab[8*i:]))
	if t.entryIsPC {
		return e
	}
	return e << 16
}

// fn is one _func record.
type fn struct {
	t     *pclntab
	entry uint64
	rec   []byte // the record: fixed fields, pcdata, funcdata
}

const funcFixedSize = 44

// record returns function i of the functab.
func (t *pclntab) record(i int) (fn, bool) {
	off := int(binary.LittleEndian.Uint32(t.functab[8*i+4:]))
	if off+funcFixedSize > len(t.functab) {
		return fn{}, false
	}
	rec := t.functab[off:]
	npcdata := int(binary.LittleEndian.Uint32(rec[28:]))
	nfuncdata := int(rec[43])
	n := funcFixedSize + 4*(npcdata+nfuncdata)
	if n > len(rec) {
		return fn{}, false
	}
	return fn{t: t, entry: t.entry(i), rec: rec[:n]}, true
}

func (f fn) u32(off int) uint32 { return binary.LittleEndian.Uint32(f.rec[off:]) }

func (f fn) funcName() string { return f.t.funcName(int(int32(f.u32(4)))) }

func (f fn) pcdata(i int) uint32 {
	if i >= int(f.u32(28)) {
		return 0
	}
	return f.u32(funcFixedSize + 4*i)
}

func (f fn) funcdata(i int) (int, bool) {
	npcdata := int(f.u32(28))
	if i >= int(f.rec[43]) {
		return 0, false
	}
	v := f.u32(funcFixedSize + 4*npcdata + 4*i)
	if v == ^uint32(0) {
		return 0, false
	}
	return f.t.gofunc + int(v), true
}

func (t *pclntab) cstring(tab []byte, off int) string {
	if off < 0 || off >= len(tab) {
		return "?"
	}
	if i := bytes.IndexByte(tab[off:], 0); i >= 0 {
		return string(tab[off : off+i])
	}
	return string(tab[off:])
}

// fileLine is the innermost source position of pc in the function's
// physical tables.
func (ft *funcTables) fileLine(pc uint64) (string, int) {
	fileno := lookupRun(ft.file, pc)
	line := lookupRun(ft.line, pc)
	if fileno < 0 || line < 0 || ft.u32(32) == ^uint32(0) {
		return "?", 0
	}
	if int(fileno) < len(ft.files) && ft.files[fileno] != "" {
		return ft.files[fileno], int(line)
	}
	if int(fileno) < 1<<16 && int(fileno) >= len(ft.files) {
		ft.files = append(ft.files, make([]string, int(fileno)+1-len(ft.files))...)
	}
	at := 4 * (int(ft.u32(32)) + int(fileno))
	if at+4 > len(ft.t.cutab) {
		return "?", 0
	}
	fo := binary.LittleEndian.Uint32(ft.t.cutab[at:])
	if fo == ^uint32(0) {
		return "?", 0
	}
	name := ft.t.fileName(int(fo))
	if int(fileno) < len(ft.files) {
		ft.files[fileno] = name
	}
	return name, int(line)
}

// inner is the innermost frame at pc, a PC of this function: what a source
// map segment names.
func (ft *funcTables) inner(pc uint64) Frame {
	file, line := ft.fileLine(pc)
	name := ft.name
	if idx := lookupRun(ft.inl, pc); ft.tree >= 0 && idx >= 0 {
		if at := ft.tree + 16*int(idx); at+16 <= len(ft.t.mem) {
			name = ft.t.funcName(int(int32(binary.LittleEndian.Uint32(ft.t.mem[at+4:]))))
		}
	}
	return Frame{name, file, line}
}

// Frame is one Go stack frame at a code location: the innermost first,
// then the functions it was inlined into.
type Frame struct {
	Function string
	File     string
	Line     int
}

// frames expands pc into its inlined frames, innermost first, the way
// runtime.CallersFrames does: each inlined call's position is looked up at
// its parent PC in the same physical function's tables.
func (t *pclntab) frames(pc uint64) []Frame {
	ft, ok := t.tables(pc)
	if !ok {
		return nil
	}
	var out []Frame
	for range 1000 { // inline depth is bounded; this guards against corrupt tables
		file, line := ft.fileLine(pc)
		idx := lookupRun(ft.inl, pc)
		at := ft.tree + 16*int(idx)
		if ft.tree < 0 || idx < 0 || at+16 > len(t.mem) {
			return append(out, Frame{ft.name, file, line})
		}
		call := t.mem[at : at+16]
		out = append(out, Frame{t.funcName(int(int32(binary.LittleEndian.Uint32(call[4:])))), file, line})
		pc = ft.entry + uint64(int32(binary.LittleEndian.Uint32(call[8:])))
	}
	return out
}
