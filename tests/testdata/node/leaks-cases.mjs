// Leak tracking observations for testdata/leaky, run with a given load()
// against a dev build (wasm) and a release build without -leaks (release).
// Needs a JS GC the loader can call (Node --expose-gc, Chromium
// --js-flags=--expose-gc).
export async function run(load, wasm, release) {
  const out = {};
  const warnings = [];
  const warn = console.warn;
  console.warn = (m) => warnings.push(String(m));
  try {
    let app = await load(wasm);
    const holder = [];
    app.exports.make("a", 1000);
    app.exports.make("b", 10);
    app.exports.make("release", 100);
    app.exports.make("keep", 50);
    app.exports.make("js", 20, holder);
    await app.gc();
    out.leaks = await app.leaks();
    out.heldByJS = holder.length;
    out.warnings = warnings.slice();
    out.stats = await app.stats();

    app = await load(wasm, { autoRelease: true });
    app.exports.make("a", 500);
    await app.gc();
    out.autoRelease = await app.stats();

    app = await load(wasm);
    for (let i = 0; i < 4; i++) {
      app.exports.make("cycle", 100);
      await app.gc();
    }
    out.cycle = await app.stats();

    app = await load(release);
    app.exports.make("a", 200);
    await app.gc();
    out.release = { leaks: await app.leaks(), stats: await app.stats() };
  } finally {
    console.warn = warn;
  }
  return out;
}
