//go:build js && wasm

// Typed shows typed exports: Go functions that the page calls as plain,
// typed JavaScript functions, at the speed of a wasm call. buildwasm build
// writes typed.d.ts beside the program for TypeScript:
//
//	import type { Exports } from "./dist/typed.d.ts";
//	const app = await load<Exports>("typed.wasm");
//	app.exports.mean(new Float64Array([1, 2, 3])); // 2
//	app.exports.describe([1, 2, 3]).median;        // 2
//	await app.exports.countdown(500);              // "500 ms later"
package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Greet returns a greeting for name.
//
//buildwasm:export
func Greet(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "world"
	}
	return fmt.Sprintf("Hello, %s!", name)
}

// Mean is the arithmetic mean of xs.
//
//buildwasm:export
func Mean(xs []float64) (float64, error) {
	if len(xs) == 0 {
		return 0, errors.New("mean of no numbers")
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs)), nil
}

// Primes returns the primes below n, by the sieve of Eratosthenes.
//
//buildwasm:export
func Primes(n int) ([]int32, error) {
	if n > 50_000_000 {
		return nil, fmt.Errorf("primes below %d: at most 50,000,000", n)
	}
	composite := make([]bool, max(n, 2))
	var out []int32
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		out = append(out, int32(i))
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	return out, nil
}

// Summary describes a sample: a struct crosses as a plain object, its
// fields named by their json tags.
type Summary struct {
	Count  int     `json:"count"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Describe summarizes xs.
//
//buildwasm:export
func Describe(xs []float64) (*Summary, error) {
	if len(xs) == 0 {
		return nil, errors.New("describe no numbers")
	}
	sorted := slices.Sorted(slices.Values(xs))
	mean, _ := Mean(xs)
	median := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		median = (sorted[len(sorted)/2-1] + median) / 2
	}
	return &Summary{Count: len(xs), Mean: mean, Median: median, Min: sorted[0], Max: sorted[len(sorted)-1]}, nil
}

// Countdown waits ms milliseconds and says so. Its context makes it async:
// JS gets a Promise, and an AbortSignal passed after the arguments cancels
// the context.
//
//buildwasm:export
func Countdown(ctx context.Context, ms int) (string, error) {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return fmt.Sprintf("%d ms later", ms), nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func main() {
	select {} // the exports serve the page from here on
}
