// Every failure of testdata/panics, run with a given load() against a given
// wasm URL or path; used by the Node script and, served, in Chromium. Returns
// one plain object of observations per case.
export async function run(load, wasm) {
  const describe = (e) =>
    e && { name: e.name, message: e.message, stack: e.stack, goStack: e.goStack, code: e.code, cause: describe(e.cause) };
  const attempt = (fn) => {
    try {
      return { value: fn() };
    } catch (e) {
      return { thrown: describe(e) };
    }
  };
  const settle = (p) => p.then((value) => ({ value }), (e) => ({ thrown: describe(e) }));
  const out = {};
  const fresh = async (opts) => load(wasm, { stderr: () => {}, ...opts });

  // Callback panics: the caller gets a GoPanicError; the program lives on.
  let app = await fresh();
  const x = app.exports;
  for (const [name, arg] of [["index", 5], ["nilMap"], ["custom"], ["sprintf"], ["wrapped"]]) out[name] = attempt(() => x[name](arg));
  out.badSlice = attempt(() => x.badSlice());
  out.badStruct = attempt(() => x.badStruct());
  out.afterPanics = attempt(() => x.ok());
  const memory = () => app.instance.exports.mem.buffer.byteLength;
  // Go's heap grows to its steady size first (measured with Go 1.26: 3,000
  // to 4,000 calls; 5,000 leaves room), then wasm memory must stay put.
  for (let i = 0; i < 5000; i++) attempt(() => x.index(7));
  const before = memory();
  let panics = 0;
  for (let i = 0; i < 1000; i++) if (attempt(() => x.index(7)).thrown?.name === "GoPanicError") panics++;
  out.thousand = { panics, memoryBefore: before, memoryAfter: memory(), ok: attempt(() => x.ok()) };
  out.nested = attempt(() => x.nested(() => x.index(9)));

  // shim: goroutines, promises, await.
  const errors = [];
  app = await fresh({ onError: (e) => errors.push(describe(e)) });
  app.exports.goPanic();
  await new Promise((r) => setTimeout(r, 30));
  out.goPanic = errors;
  out.promiseOk = await settle(app.exports.promise("ok"));
  out.promiseError = await settle(app.exports.promise("error"));
  out.promisePanic = await settle(app.exports.promise("panic"));
  out.promiseThrow = await settle(app.exports.promise("throw", () => {
    throw new TypeError("thrown by JS");
  }));
  out.awaitValue = await settle(app.exports.awaitDouble(new Promise((r) => setTimeout(() => r(21), 10))));
  out.awaitRejected = await settle(app.exports.awaitDouble(Promise.reject(new RangeError("nope"))));
  out.awaitInCallback = attempt(() => app.exports.awaitInCallback(Promise.resolve(1)));
  out.aliveAfterShim = attempt(() => app.exports.ok());

  // Failures that end the program.
  for (const name of ["goexit", "goroutinePanic", "goStackOverflow", "trap", "deepRecursion", "throwingGetter"]) {
    app = await fresh();
    const thrown = attempt(() =>
      app.exports[name]({
        get boom() {
          throw new TypeError("getter says no");
        },
      }),
    ).thrown;
    const status = await app.exited;
    out[name] = { thrown, code: status.code, error: describe(status.error), later: attempt(() => app.exports.ok()).thrown };
  }
  return out;
}
