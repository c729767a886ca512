package all

import (
	"context"
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

type Celsius float64

type Names []string

// Point is a point.
type Point struct{ X, Y float64 }

type Inner struct {
	ID      int    `json:"id"`
	Hidden  string `json:"-"`
	private int
}

// Summary takes one of each composite type.
type Summary struct {
	Inner
	// Name names it.
	Name   string           `json:"name"`
	Tags   []string         `json:"tags,omitempty"`
	Scores map[string][]int `json:"scores"`
	Origin *Point           `json:"origin,omitempty"`
	Grid   [2][2]int8
	Extra  any `json:"extra"`
	Temp   Celsius
	Raw    []float64
	Temps  []Celsius
	Big    uint64 `json:"big,omitempty"`
	Ok     bool   `json:",omitempty"`
	Where  Point  `json:"where,omitempty"`
}

//buildwasm:export
func Stats(name string, s Summary, pts []Point, byName map[string]*Point, t Celsius, n Names) (Summary, error) {
	return s, nil
}

//buildwasm:export
func Anything(v any) any { return v }

//buildwasm:export
func Temp() Celsius { return 0 }

//buildwasm:export
func Label(n Names) Names { return n }

// Fetch is async: it takes a context first.
//
//buildwasm:export
func Fetch(ctx context.Context, url string, p Point) (Summary, error) { return Summary{}, ctx.Err() }

//buildwasm:export
func Tick(ctx context.Context) {}

type ID uint64

type Tag string

//buildwasm:export
func NextID() ID { return 0 }

//buildwasm:export
func TagOf(t Tag) Tag { return t }
