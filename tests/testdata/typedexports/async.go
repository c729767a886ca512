package main

import (
	"context"
	"errors"
	"time"

	"github.com/buildwasm/buildwasm/tests/testdata/typedexports/geo"
)

// Async exports: a context.Context first makes them return a Promise.

// Now returns at once.
//
//buildwasm:export
func Now(ctx context.Context) int { return 42 }

var cancelled int

// Later returns v after ms milliseconds, through a Go timer, which a
// synchronous export cannot wait for; it counts cancelled calls.
//
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
func AsyncPanic(ctx context.Context) int { panic("async boom") }

//buildwasm:export
func AsyncError(ctx context.Context) error {
	return errors.New("async error")
}

//buildwasm:export
func AsyncPoint(ctx context.Context, p geo.Point, scale []float64) (*geo.Point, error) {
	time.Sleep(time.Millisecond)
	return &geo.Point{X: p.X * scale[0], Y: p.Y * scale[1]}, nil
}

// Forever never returns: the program's end rejects it.
//
//buildwasm:export
func Forever(ctx context.Context) { select {} }
