//go:build ignore

// Added to syscall/js by buildwasm at build time for leak tracking (dev
// builds, or -leaks): FuncOf tells the loader where each js.Func was made,
// and Release lists it as released, so that a Func whose JS wrapper
// was collected while still unreleased can be reported by site.

package js

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

var (
	sitesMu  sync.Mutex
	sites    = map[[2]uintptr]int{} // by the two callers of FuncOf
	closures = map[uintptr]int{}    // by the code of a func literal: its site, or -1 to walk
	nextSite = 1
)

// funcSite names where FuncOf was called with a small number, telling the
// loader the first time what it stands for: the first frame outside
// syscall/js and buildwasm's shim, "function\x00file:line". 0 means a Func
// made by syscall/js itself (its init, run by the runtime).
//
// Walking the callers costs more than the rest of FuncOf, so it happens
// once per func literal (a literal is written in one place, almost always
// the call), and for named functions, which any site may pass, once per
// pair of callers.
func funcSite(fn func(Value, []Value) any) int {
	code := **(**uintptr)(unsafe.Pointer(&fn))
	sitesMu.Lock()
	defer sitesMu.Unlock()
	known, ok := closures[code]
	if ok && known >= 0 {
		return known
	}
	var key [2]uintptr
	runtime.Callers(3, key[:])
	id, seen := sites[key]
	if !seen {
		if name := siteName(); name != "" {
			id = nextSite
			nextSite++
			jsGo.Call("_funcSite", id, name)
		}
		sites[key] = id
	}
	if !ok {
		closures[code] = -1
		if f := runtime.FuncForPC(code); f != nil && isLiteral(f.Name()) {
			closures[code] = id
		}
	}
	return id
}

// isLiteral reports whether a function name is that of a func literal
// ("pkg.f.func1", "pkg.f.func2.3"), not one syscall/js makes itself.
func isLiteral(name string) bool {
	if strings.HasPrefix(name, "syscall/js.") {
		return false
	}
	i := strings.LastIndex(name, ".func")
	if i < 0 {
		return false
	}
	for _, c := range name[i+len(".func"):] {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

func siteName() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(4, pcs)])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "runtime.") {
			return ""
		}
		if !strings.HasPrefix(f.Function, "syscall/js.") && !strings.HasPrefix(f.Function, "github.com/buildwasm/buildwasm/shim.") {
			return f.Function + "\x00" + f.File + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return ""
		}
	}
}

// releasedIDs lists Funcs released since the loader last looked; it reads
// and empties the list through linear memory (see _released), which is
// cheaper than a call into JS for each Release.
var releasedIDs []uint32

func funcReleased(id uint32) {
	sitesMu.Lock()
	releasedIDs = append(releasedIDs, id)
	sitesMu.Unlock()
}

func init() {
	jsGo.Set("_released", int(uintptr(unsafe.Pointer(&releasedIDs))))
	// autoRelease: the loader releases a leaked Func's closure through this.
	jsGo.Set("_releaseFunc", FuncOf(func(this Value, args []Value) any {
		funcsMu.Lock()
		delete(funcs, uint32(args[0].Int()))
		funcsMu.Unlock()
		return nil
	}))
}
