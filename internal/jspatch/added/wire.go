//go:build ignore

// Added to syscall/js by buildwasm at build time: the reader and writer of
// the bytes that carry composite values (slices, arrays, maps, pointers,
// structs, any) of typed exports between the loader and the generated
// wrappers, which decode and encode each type with code of its own. The
// format is the loader's (loader/src/composite.ts), little-endian, with no
// alignment:
//
//	bool, and a pointer's or omitempty field's presence: 1 byte (0 or 1)
//	numbers but int64 and uint64: float64 (8 bytes); int, uint and
//	        uintptr coming out: their 64 bits, which the loader checks
//	int64, uint64: 8 bytes
//	string: uint32 byte count, then UTF-8
//	slice, map: int32 count (-1 for nil), then the elements (a map's as
//	        key, value; keys sorted coming out)
//	slice of fixed-size numbers: int32 count (-1 for nil), then the
//	        elements' bytes as Go lays them out (a typed array's)
//	array: its elements; struct: its fields, in order
//	any: a tag byte (anyNull ... anyObject), then the value

package js

import (
	"internal/reflectlite"
	"slices"
	"unsafe"
)

// BuildwasmReader reads a call's composite arguments, which the loader
// wrote into the scratch space.
type BuildwasmReader struct {
	p, end unsafe.Pointer
}

// BuildwasmReadFrom reads the n bytes at p.
func BuildwasmReadFrom(p unsafe.Pointer, n int32) BuildwasmReader {
	return BuildwasmReader{p, unsafe.Add(p, n)}
}

// take returns the next n bytes. The loader wrote what the wrapper reads,
// so running past the end is a bug: it panics, which the wrapper reports.
func (r *BuildwasmReader) take(n int) unsafe.Pointer {
	p := r.p
	if uintptr(r.end)-uintptr(p) < uintptr(n) {
		panic("buildwasm: a typed export read past its arguments")
	}
	r.p = unsafe.Add(p, n)
	return p
}

func (r *BuildwasmReader) Bool() bool { return *(*byte)(r.take(1)) != 0 }

func (r *BuildwasmReader) Float() float64 { return *(*float64)(r.take(8)) }

func (r *BuildwasmReader) Bits() uint64 { return *(*uint64)(r.take(8)) }

// Len reads a count; -1 stands for nil.
func (r *BuildwasmReader) Len() int { return int(*(*int32)(r.take(4))) }

func (r *BuildwasmReader) String() string {
	n := int(*(*uint32)(r.take(4)))
	return string(unsafe.Slice((*byte)(r.take(n)), n))
}

// BuildwasmReadNumbers reads a slice of fixed-size numbers.
func BuildwasmReadNumbers[T any](r *BuildwasmReader) []T {
	n := r.Len()
	if n < 0 {
		return nil
	}
	s := make([]T, n)
	size := n * int(unsafe.Sizeof(*new(T)))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size), unsafe.Slice((*byte)(r.take(size)), size))
	return s
}

// The tags of an any's value.
const (
	anyNull = iota
	anyFalse
	anyTrue
	anyNumber
	anyString
	anyArray
	anyObject
)

// Any reads an any as encoding/json makes one: nil, bool, float64,
// string, []any or map[string]any.
func (r *BuildwasmReader) Any() any {
	switch *(*byte)(r.take(1)) {
	case anyFalse:
		return false
	case anyTrue:
		return true
	case anyNumber:
		return r.Float()
	case anyString:
		return r.String()
	case anyArray:
		s := make([]any, r.Len())
		for i := range s {
			s[i] = r.Any()
		}
		return s
	case anyObject:
		n := r.Len()
		m := make(map[string]any, n)
		for range n {
			k := r.String()
			m[k] = r.Any()
		}
		return m
	}
	return nil
}

// BuildwasmWriter collects a result's bytes. Each result has its own,
// reused by the next call (the loader has read the last one by then).
type BuildwasmWriter struct {
	b []byte
	// failed names a value that cannot cross (an any holding a channel,
	// say); the wrapper then reports it instead of the result.
	failed string
}

var exportWriters [8]BuildwasmWriter

// BuildwasmWriterFor returns result i's writer, emptied.
func BuildwasmWriterFor(i int) *BuildwasmWriter {
	w := &exportWriters[i]
	w.b = w.b[:0]
	w.failed = ""
	return w
}

func (w *BuildwasmWriter) Bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *BuildwasmWriter) Float(f float64) { w.Bits(*(*uint64)(unsafe.Pointer(&f))) }

func (w *BuildwasmWriter) Bits(v uint64) {
	w.b = append(w.b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24), byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}

// Len writes a count; -1 stands for nil.
func (w *BuildwasmWriter) Len(n int) {
	w.b = append(w.b, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
}

func (w *BuildwasmWriter) String(s string) {
	w.Len(len(s))
	w.b = append(w.b, s...)
}

// BuildwasmWriteNumbers writes a slice of fixed-size numbers.
func BuildwasmWriteNumbers[T any](w *BuildwasmWriter, s []T) {
	if s == nil {
		w.Len(-1)
		return
	}
	w.Len(len(s))
	size := len(s) * int(unsafe.Sizeof(*new(T)))
	w.b = append(w.b, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), size)...)
}

// Any writes an any that holds nil, a bool, a number, a string, or a
// slice or string-keyed map of those (what encoding/json decodes into an
// any, and the common typed forms); anything else fails the result.
func (w *BuildwasmWriter) Any(v any) {
	switch v := v.(type) {
	case nil:
		w.b = append(w.b, anyNull)
	case bool:
		if v {
			w.b = append(w.b, anyTrue)
		} else {
			w.b = append(w.b, anyFalse)
		}
	case string:
		w.b = append(w.b, anyString)
		w.String(v)
	case float64:
		w.number(v)
	case float32:
		w.number(float64(v))
	case int:
		w.number(float64(v))
	case int8:
		w.number(float64(v))
	case int16:
		w.number(float64(v))
	case int32:
		w.number(float64(v))
	case int64:
		w.number(float64(v))
	case uint:
		w.number(float64(v))
	case uint8:
		w.number(float64(v))
	case uint16:
		w.number(float64(v))
	case uint32:
		w.number(float64(v))
	case uint64:
		w.number(float64(v))
	case []any:
		anySlice(w, v)
	case []string:
		anySlice(w, v)
	case []float64:
		anySlice(w, v)
	case []int:
		anySlice(w, v)
	case map[string]any:
		anyMap(w, v)
	case map[string]string:
		anyMap(w, v)
	default:
		if w.failed == "" {
			w.failed = "an any holding a " + reflectlite.TypeOf(v).String() + ", which cannot cross to JavaScript"
		}
		w.b = append(w.b, anyNull)
	}
}

func (w *BuildwasmWriter) number(f float64) {
	w.b = append(w.b, anyNumber)
	w.Float(f)
}

func anySlice[T any](w *BuildwasmWriter, s []T) {
	if s == nil {
		w.b = append(w.b, anyNull)
		return
	}
	w.b = append(w.b, anyArray)
	w.Len(len(s))
	for _, v := range s {
		w.Any(v)
	}
}

func anyMap[T any](w *BuildwasmWriter, m map[string]T) {
	if m == nil {
		w.b = append(w.b, anyNull)
		return
	}
	w.b = append(w.b, anyObject)
	w.Len(len(m))
	for _, k := range BuildwasmSortedKeys(m) {
		w.String(k)
		w.Any(m[k])
	}
}

// BuildwasmSortedKeys returns m's keys in order, as encoding/json writes
// them: results come out the same every time.
func BuildwasmSortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// BuildwasmWritten sets result i to w's bytes, or, if a value could not
// cross, finishes call seq with that as the reason and returns false.
func BuildwasmWritten(seq int32, i int, w *BuildwasmWriter) bool {
	if w.failed != "" {
		exportValue(0, ValueOf(w.failed))
		exportFinish(seq, exportNotCrossable)
		return false
	}
	exportOut[1+2*i] = uint64(uintptr(unsafe.Pointer(unsafe.SliceData(w.b))))
	exportOut[2+2*i] = uint64(len(w.b))
	return true
}
