package all

import (
	gojs "syscall/js"
)

// Types takes one of each type typed exports support.
//
// A second paragraph.
//
//buildwasm:export
func Types(b bool, i int, i8 int8, i16 int16, i32 int32, i64 int64, u uint, u8 uint8, u16 uint16, u32 uint32, u64 uint64, p uintptr, f32 float32, f64 float64) {
}

//buildwasm:export
func More(s string, r rune, by byte) {}

//buildwasm:export
func Slices(b []byte, i8 []int8, i16 []int16, i32 []int32, i64 []int64, u16 []uint16, u32 []uint32) {
}

//buildwasm:export
func Slices2(u64 []uint64, f32 []float32, f64 []float64, v gojs.Value) {}

//buildwasm:export
func Bool() bool { return true }

//buildwasm:export
func Int() (int, error) { return 0, nil }

//buildwasm:export
func Uint() uint { return 0 }

//buildwasm:export
func I64() int64 { return 0 }

//buildwasm:export
func U64() uint64 { return 0 }

//buildwasm:export
func Str() string { return "" }

//buildwasm:export
func Floats() []float64 { return nil }

//buildwasm:export
func Value() gojs.Value { return gojs.Null() }

//buildwasm:export
func OnlyError() error { return nil }

//buildwasm:export renamed
func HTTPGet(new string) {}
