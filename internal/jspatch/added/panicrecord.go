//go:build ignore

// The panic record: how a recovered Go panic reaches buildwasm's loader,
// which turns it into a GoPanicError (loader/src/contract.ts describes it,
// errors.ts reads it). It is built in two packages that cannot share code:
// syscall/js, for a panic in a js.Func callback, gets this file when
// buildwasm patches a toolchain; package shim, for shim.Go and
// shim.Promise, builds against stock syscall/js and carries a generated
// copy (shim/panicrecord.go; go generate ./internal/jspatch rewrites it).
// Each package defines typeName and jsErrorValue.

package js

import (
	"runtime"
	"strconv"
	"strings"
)

// panicRecord is the record of the recovered panic r, with the Go frames
// from the panic out to the first function whose name contains boundary:
// the function that recovered it (syscall/js.invoke), its package (shim's)
// or the generated wrapper of a typed export (.buildwasm_x_).
func panicRecord(r any, boundary string) map[string]any {
	frames, goroot := panicFrames(boundary)
	rec := newPanicRecord(panicMessage(r), frames)
	if goroot != "" {
		// The loader names the standard library's files $GOROOT/src/...
		// with it, as the source map does.
		rec["goroot"] = goroot
	}
	if v, ok := jsErrorValue(r); ok {
		// A JS error that went through Go (Go→JS→Go): the caller gets the
		// original as the GoPanicError's cause.
		rec["jsError"] = v
	}
	return rec
}

// newPanicRecord is a panic record: message as Go prints the panic value,
// goStack a [function, file, line] list of Go frames, innermost first.
func newPanicRecord(message string, goStack []any) map[string]any {
	return map[string]any{"message": message, "goStack": goStack}
}

// panicMessage formats a panic value as the runtime prints it.
func panicMessage(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case interface{ String() string }:
		return v.String()
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int8:
		return strconv.Itoa(int(v))
	case int16:
		return strconv.Itoa(int(v))
	case int32:
		return strconv.Itoa(int(v))
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case uintptr:
		return strconv.FormatUint(uint64(v), 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'e', 6, 32)
	case float64:
		return strconv.FormatFloat(v, 'e', 6, 64)
	}
	return "(" + typeName(r) + ") value"
}

// panicFrames lists the Go frames from the panic down to boundary, leaving
// out the runtime's own as Go's traceback does. Boundary frames before any
// other (a panic raised inside shim) are left out too, so that the frames
// that called them show. goroot is the GOROOT of the runtime's files,
// when their paths are absolute (a build without -trimpath).
func panicFrames(boundary string) (frames []any, goroot string) {
	pcs := make([]uintptr, 64)
	callers := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	inPanic := false
	for {
		f, more := callers.Next()
		own := strings.Contains(f.Function, boundary)
		switch {
		case f.Function == "runtime.gopanic":
			inPanic, frames = true, frames[:0]
			if i := strings.LastIndex(f.File, "/src/runtime/"); i > 0 {
				goroot = f.File[:i]
			}
		case !inPanic:
		case own && len(frames) > 0:
			return frames, goroot
		case !own && !strings.HasPrefix(f.Function, "runtime.") && !strings.HasPrefix(f.Function, "internal/runtime/"):
			frames = append(frames, []any{f.Function, f.File, f.Line})
		}
		if !more {
			return frames, goroot
		}
	}
}
