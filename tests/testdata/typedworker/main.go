// Typed exports in worker mode: composite values, typed arrays, async
// calls and their AbortSignals, errors and panics, across the worker
// boundary.
package main

import (
	"context"
	"errors"
	"time"

	"github.com/buildwasm/buildwasm/tests/testdata/typedexports/geo"
)

type Summary struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Mean  float64  `json:"mean"`
	Tags  []string `json:"tags"`
}

//buildwasm:export
func Stats(name string, xs []float64, tags []string) Summary {
	s := Summary{Name: name, Count: len(xs), Tags: tags}
	for _, x := range xs {
		s.Mean += x / float64(len(xs))
	}
	return s
}

//buildwasm:export
func Scale(p geo.Point, k float64) geo.Point { return geo.Point{X: p.X * k, Y: p.Y * k} }

//buildwasm:export
func Double(b []byte) []byte {
	for i := range b {
		b[i] *= 2
	}
	return b
}

var cancelled int

//buildwasm:export
func Later(ctx context.Context, ms int, v string) (string, error) {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return v, nil
	case <-ctx.Done():
		cancelled++
		return "", ctx.Err()
	}
}

//buildwasm:export
func Cancelled() int { return cancelled }

//buildwasm:export
func Boom(ctx context.Context) int { panic("worker boom") }

//buildwasm:export
func Fail() error { return errors.New("worker error") }

func main() { select {} }
