package wasmbin

import (
	"fmt"
)

// Instr is one decoded instruction of a function body.
type Instr struct {
	Off   int   // file offset of the opcode
	Op    byte  // opcode; 0xfc for the prefixed group
	Imm   int64 // i32.const / i64.const value; call, br, local or global index; 0xfc sub-opcode
	Table []int // br_table targets, the default last
}

// Opcodes that tools reading Go's code look for.
const (
	OpBlock    = 0x02
	OpLoop     = 0x03
	OpIf       = 0x04
	OpEnd      = 0x0b
	OpBrTable  = 0x0e
	OpCall     = 0x10
	OpI64Const = 0x42
)

// DecodeBody walks the instructions of a body (file offsets from
// body.Code to body.End) and calls visit for each. It understands the instructions Go's wasm backend
// emits: the MVP, sign extension, saturating truncation and bulk memory.
func DecodeBody(file []byte, body Body, visit func(Instr)) error {
	end := body.End
	r := reader{b: file[:end], pos: body.Code}
	for r.pos < end {
		in := Instr{Off: r.pos, Op: file[r.pos]}
		r.pos++
		var err error
		switch op := in.Op; {
		case op == 0x02 || op == 0x03 || op == 0x04: // block, loop, if: block type
			_, err = r.sleb()
		case op == 0x0c || op == 0x0d || op == 0x10: // br, br_if, call
			var v uint64
			v, err = r.uleb()
			in.Imm = int64(v)
		case op == 0x0e: // br_table
			var n uint64
			if n, err = r.uleb(); err == nil {
				if n > uint64(end-r.pos) {
					return fmt.Errorf("br_table at %#x: %w", in.Off, errTruncated)
				}
				in.Table = make([]int, 0, n+1)
				for i := uint64(0); i <= n && err == nil; i++ {
					var v uint64
					v, err = r.uleb()
					in.Table = append(in.Table, int(v))
				}
			}
		case op == 0x11: // call_indirect: type, table
			if _, err = r.uleb(); err == nil {
				_, err = r.uleb()
			}
		case op == 0x1c: // select with types
			var n uint64
			if n, err = r.uleb(); err == nil {
				err = r.skip(int(min(n, uint64(end))))
			}
		case op >= 0x20 && op <= 0x26: // local.*, global.*, table.get/set
			var v uint64
			v, err = r.uleb()
			in.Imm = int64(v)
		case op >= 0x28 && op <= 0x3e: // loads and stores: align, offset
			if _, err = r.uleb(); err == nil {
				_, err = r.uleb()
			}
		case op == 0x3f || op == 0x40: // memory.size, memory.grow
			_, err = r.uleb()
		case op == 0x41 || op == 0x42: // i32.const, i64.const
			in.Imm, err = r.sleb()
		case op == 0x43:
			err = r.skip(4)
		case op == 0x44:
			err = r.skip(8)
		case op == 0xd0: // ref.null
			err = r.skip(1)
		case op == 0xd2: // ref.func
			_, err = r.uleb()
		case op == 0xfc:
			var sub uint64
			if sub, err = r.uleb(); err != nil {
				break
			}
			in.Imm = int64(sub)
			switch {
			case sub <= 7: // saturating truncation
			case sub == 8 || sub == 12 || sub == 14: // memory.init, table.init, table.copy
				if _, err = r.uleb(); err == nil {
					_, err = r.uleb()
				}
			case sub == 10: // memory.copy
				err = r.skip(2)
			case sub == 9 || sub == 11 || sub == 13 || sub >= 15 && sub <= 17:
				_, err = r.uleb()
			default:
				err = fmt.Errorf("unknown 0xfc instruction %d", sub)
			}
		case op <= 0x01, op == 0x05, op == 0x0b, op == 0x0f, op == 0x1a, op == 0x1b,
			op >= 0x45 && op <= 0xc4, op == 0xd1:
			// no immediates
		default:
			err = fmt.Errorf("unknown opcode %#02x", op)
		}
		if err != nil {
			return fmt.Errorf("code at %#x: %w", in.Off, err)
		}
		visit(in)
	}
	return nil
}
