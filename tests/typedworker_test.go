package tests

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// Typed exports in worker mode, in headless Chromium: every call returns a
// Promise, composite values and typed arrays cross (the caller's arrays
// transferred), an AbortSignal cancels Go's context through a message,
// errors and panics keep their classes, and a program whose typed exports
// take js.Value is refused at load.
func TestTypedExportsWorker(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	if res := runQuiet(buildwasmBin, "build", "-o", dir, "./testdata/typedworker"); res.err != nil {
		t.Fatal(res.err)
	}
	withJSValues, err := typedExportsDist()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/typedworker/", http.StripPrefix("/typedworker", distHandler(t, dir)))
	mux.Handle("/typedexports/", http.StripPrefix("/typedexports", distHandler(t, withJSValues)))
	mux.HandleFunc("/blank.html", blankPage)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	var got struct {
		Stats struct {
			Name  string
			Count int
			Mean  float64
			Tags  []string
		}
		Detached, IsPromise    bool
		Scale                  struct{ X, Y float64 }
		Double                 []int
		DoubleType, Later      string
		Aborted, AbortedBefore bool
		Cancelled              int
		Boom, Fail, BadArg     struct {
			Name, Message, GoType string
			Frames                []string
			IsTypeError           bool
		}
		Refused string
	}
	evaluateAt(t, newTab(t), srv.URL+"/blank.html", `
		const { load } = await import("/typedworker/loader.js");
		const app = await load("/typedworker/typedworker.wasm", { worker: true });
		const r = {};
		r.stats = await app.exports.stats("n", new Float64Array([2, 4]), ["a", "b"]);
		const xs = new Float64Array([1, 2]);
		await app.exports.stats("t", xs, null);
		r.detached = xs.byteLength === 0;
		r.scale = await app.exports.scale({ x: 1, y: 2 }, 3);
		const d = await app.exports.double(new Uint8Array([1, 2]));
		r.double = [...d];
		r.doubleType = d.constructor.name;
		r.later = await app.exports.later(10, "v");
		const stop = new Error("stop");
		const ac = new AbortController();
		const p = app.exports.later(60000, "never", { signal: ac.signal });
		setTimeout(() => ac.abort(stop), 20);
		r.aborted = await p.then(() => false, (e) => e === stop);
		await new Promise((res) => setTimeout(res, 50));
		r.cancelled = await app.exports.cancelled();
		r.abortedBefore = await app.exports.later(1, "a", { signal: AbortSignal.abort(stop) }).then(() => false, (e) => e === stop);
		const error = (e) => ({ name: e.name, message: e.message, goType: e.goType ?? "", frames: (e.goStack ?? []).map((f) => f.func), isTypeError: e instanceof TypeError });
		r.boom = await app.exports.boom().then(() => ({}), error);
		r.fail = await app.exports.fail().then(() => ({}), error);
		r.badArg = await app.exports.scale(5, 1).then(() => ({}), error);
		r.isPromise = app.exports.cancelled() instanceof Promise;
		r.refused = await load("/typedexports/typedexports.wasm", { worker: true }).then(() => "loaded", (e) => e.message);
		return r;
	`, &got)

	if got.Stats.Name != "n" || got.Stats.Count != 2 || got.Stats.Mean != 3 || strings.Join(got.Stats.Tags, ",") != "a,b" {
		t.Errorf("stats: %+v", got.Stats)
	}
	if !got.Detached {
		t.Error("the caller's Float64Array was copied, not transferred")
	}
	if got.Scale.X != 3 || got.Scale.Y != 6 {
		t.Errorf("scale: %+v", got.Scale)
	}
	if len(got.Double) != 2 || got.Double[0] != 2 || got.Double[1] != 4 || got.DoubleType != "Uint8Array" {
		t.Errorf("double: %v (%s)", got.Double, got.DoubleType)
	}
	if got.Later != "v" || !got.Aborted || got.Cancelled != 1 || !got.AbortedBefore {
		t.Errorf("async: later %q, aborted %v, Go saw %d cancels (want 1), aborted before %v", got.Later, got.Aborted, got.Cancelled, got.AbortedBefore)
	}
	if got.Boom.Name != "GoPanicError" || got.Boom.Message != "worker boom" || len(got.Boom.Frames) == 0 || got.Boom.Frames[0] != "main.Boom" {
		t.Errorf("boom: %+v", got.Boom)
	}
	if got.Fail.Name != "GoError" || got.Fail.Message != "worker error" || got.Fail.GoType != "*errors.errorString" {
		t.Errorf("fail: %+v", got.Fail)
	}
	if !got.BadArg.IsTypeError || got.BadArg.Message != "scale: argument p must be an object (Go's geo.Point), got 5" {
		t.Errorf("a wrong argument: %+v, want a TypeError", got.BadArg)
	}
	if !got.IsPromise {
		t.Error("a synchronous typed export does not return a Promise in worker mode")
	}
	if !strings.Contains(got.Refused, "(Go "+typedFixture+".") || !strings.Contains(got.Refused, "takes or returns a js.Value, which cannot cross between the page and a worker") {
		t.Errorf("loading typed exports of js.Value in worker mode: %q, want a refusal naming the export", got.Refused)
	}
}
