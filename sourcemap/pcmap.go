package sourcemap

import (
	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

// point says that code from off on (to the next point) runs at pc.
type point struct {
	off int
	pc  uint64
}

// Opcodes and locals/globals of Go's calling convention that the scan
// recognises.
const (
	opNop       = 0x01
	opLocalGet  = 0x20
	opLocalTee  = 0x22
	opGlobalSet = 0x24
	opI32Const  = 0x41
	opI32Sub    = 0x6b
	opCallInd   = 0x11
	localPCB    = 0 // local 0 holds PC_B
	localSP     = 1 // local 1 caches SP
	globalSP    = 0
)

// bodyPoints maps the instructions of one function body to Go PCs.
//
// Go's wasm backend gives each function a PC_F and counts PC_B within it.
// The bytes show PC_B exactly in two places: the entry br_table, whose
// targets are the resume points (each a top-level `end`), and the return
// address stored before each call as i64.const PC_F<<16|PC_B. Between them
// PC_B also advances at inline marks (`nop`) and at the prologue's frame
// allocation, which the scan follows; it advances too where nothing in the
// bytes shows it (entering and leaving inlined code), so code between two
// known points maps to the PC of the earlier one.
func bodyPoints(file []byte, body wasmbin.Body, pcf uint64) ([]point, error) {
	base := pcf << 16
	points := make([]point, 1, (body.End-body.Start)/16+1)
	points[0] = point{body.Start, base}
	cur := uint64(0)
	set := func(off int, pcb uint64) {
		cur = pcb
		if last := &points[len(points)-1]; last.off >= off {
			last.pc = base | pcb
			return
		}
		points = append(points, point{off, base | pcb})
	}

	var recent ring // the last instructions
	depth := 0
	entryBase, resumeBlocks := -1, 0 // depth outside the resume blocks, and how many there are
	var resumePC []uint64            // PC_B of each resume point
	inEntry := true                  // before the first resume point after the entry
	spadjAt := -1                    // offset after a frame allocation not yet known not to be a call
	afterCall := -1                  // PC_B the code after the coming call resumes at
	callDone := false                // that call instruction has been passed

	err := wasmbin.DecodeBody(file, body, func(in wasmbin.Instr) {
		if spadjAt >= 0 && !(in.Op == opLocalGet && in.Imm == localSP) {
			if !(in.Op == wasmbin.OpI64Const && uint64(in.Imm)>>16 == pcf) {
				set(spadjAt, cur+1)
			}
			spadjAt = -1
		}
		if in.Op == wasmbin.OpCall || in.Op == opCallInd {
			if afterCall >= 0 {
				callDone = true
			}
		} else if callDone {
			// The call has returned: what follows runs at the return address.
			set(in.Off, uint64(afterCall))
			afterCall, callDone = -1, false
		}
		switch in.Op {
		case wasmbin.OpBlock, wasmbin.OpLoop, wasmbin.OpIf:
			depth++
		case wasmbin.OpEnd:
			depth--
			if entryBase >= 0 && depth >= entryBase && depth < entryBase+resumeBlocks {
				k := entryBase + resumeBlocks - 1 - depth
				if k < len(resumePC) {
					set(in.Off, resumePC[k])
				}
				if k > 0 {
					inEntry = false
				}
			}
		case wasmbin.OpBrTable:
			if entryBase < 0 && recent.back(0).is(opLocalGet, localPCB) {
				// One block per resume point; the table's largest target
				// (its default) is the last of them.
				n := 0
				for _, k := range in.Table {
					n = max(n, k+1)
				}
				resumeBlocks, entryBase = n, depth-n
				resumePC = make([]uint64, n)
				seen := make([]bool, n)
				for v, k := range in.Table {
					if k < n && !seen[k] {
						seen[k], resumePC[k] = true, uint64(v)
					}
				}
			}
		case wasmbin.OpI64Const:
			x := uint64(in.Imm)
			if x>>16 != pcf {
				break
			}
			// The return address of the coming call. The call's own
			// instructions start with SP -= 8 just before it.
			start := in.Off
			if recent.isSPMinus8() {
				start = recent.back(5).off
			}
			if x&0xffff == 0 { // morestack in the prologue resumes at entry
				set(start, 0)
				afterCall = 0
			} else {
				set(start, x&0xffff-1)
				afterCall = int(x & 0xffff)
			}
		case opNop: // an inline mark: the code after it has the next PC_B
			set(in.Off+1, cur+1)
		case opGlobalSet:
			if inEntry && in.Imm == globalSP && recent.back(0).is(opLocalTee, localSP) && recent.back(1).code == opI32Sub {
				spadjAt = in.Off + 2 // global.set 0 is two bytes
			}
		}
		recent.push(op{in.Off, in.Op, in.Imm})
	})
	return points, err
}

// op is what the scan remembers of a recent instruction.
type op struct {
	off  int
	code byte
	imm  int64
}

func (o op) is(code byte, imm int64) bool { return o.code == code && o.imm == imm }

// ring holds the last instructions without copying them around; its size
// is a power of two so that indexing is a mask.
type ring struct {
	ops [8]op
	n   int
}

func (r *ring) push(o op) {
	r.ops[r.n&7] = o
	r.n++
}

// back returns the k-th most recent instruction (k < 8), 0 the newest.
func (r *ring) back(k int) op {
	if k >= r.n {
		return op{}
	}
	return r.ops[(r.n-1-k)&7]
}

// isSPMinus8 reports whether the last six instructions are Go's
// `SP -= 8; local.get SP` that precedes storing a return address.
func (r *ring) isSPMinus8() bool {
	return r.back(5).is(opLocalGet, localSP) && r.back(4).is(opI32Const, 8) && r.back(3).code == opI32Sub &&
		r.back(2).is(opLocalTee, localSP) && r.back(1).is(opGlobalSet, globalSP) && r.back(0).is(opLocalGet, localSP)
}
