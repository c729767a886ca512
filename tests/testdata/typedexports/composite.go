package main

import (
	"fmt"

	"github.com/buildwasm/buildwasm/tests/testdata/typedexports/geo"
)

type Celsius float64

// Summary has a field of every composite kind, by encoding/json's rules.
type Summary struct {
	geo.Base
	Name   string           `json:"name"`
	Label  string           `json:"label"` // hides Base's label, as a shallower field does
	Tags   []string         `json:"tags,omitempty"`
	Scores map[string][]int `json:"scores"`
	Origin *geo.Point       `json:"origin,omitempty"`
	Grid   [2][2]int8       `json:"grid"`
	Extra  any              `json:"extra"`
	Temp   Celsius          `json:"temp"`
	Raw    []float64        `json:"raw"`
	Big    uint64           `json:"big,omitempty"`
	Ok     bool             `json:"ok,omitempty"`
	Skip   string           `json:"-"`
	hidden int
	Plain  int8
}

//buildwasm:export
func Round(s Summary) Summary { return s }

// Describe shows the Summary Go got.
//
//buildwasm:export
func Describe(s Summary) string {
	return fmt.Sprintf("%+v hidden=%d", s, s.hidden)
}

//buildwasm:export
func Points(pts []geo.Point) []geo.Point { return pts }

//buildwasm:export
func Index(m map[string][]string) map[string][]string { return m }

//buildwasm:export
func Maybe(p *geo.Point) *geo.Point { return p }

//buildwasm:export
func Anything(v any) any { return v }

//buildwasm:export
func Nested(v [][]map[string]*geo.Point) [][]map[string]*geo.Point { return v }

//buildwasm:export
func Triple(g [3]int) [3]int { return g }

//buildwasm:export
func Chan() any { return make(chan int) }

//buildwasm:export
func Huge() []int { return []int{1, 1 << 60} }

// Nils returns nil slices and maps, or empty ones.
//
//buildwasm:export
func Nils(empty bool) map[string][]string {
	if !empty {
		return map[string][]string{"nil": nil}
	}
	return map[string][]string{"empty": {}}
}

// NilArgs tells whether Go got nil or empty ones.
//
//buildwasm:export
func NilArgs(s []string, m map[string]int, p *geo.Point) string {
	return fmt.Sprintf("%v %v %v", s == nil, m == nil, p == nil)
}

// Stats mixes composite parameters with ones that cross in wasm
// parameters and memory of their own.
//
//buildwasm:export
func Stats(name string, xs []float64, at geo.Point, weights map[string]float64, n int) (Summary, error) {
	if n < 0 {
		return Summary{}, fmt.Errorf("negative n %d", n)
	}
	s := Summary{Name: name, Origin: &at, Raw: xs, Scores: map[string][]int{}}
	for k, w := range weights {
		s.Scores[k] = []int{int(w) * n}
	}
	return s, nil
}
