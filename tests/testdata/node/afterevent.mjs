// Calls the callbacks of testdata/afterevent (argv[3]) under buildwasm's
// loader ("ours") or the toolchain's wasm_exec.js (argv[4], "stock") and
// prints what JavaScript saw right after each call and a little later.
const [mode, wasm, wasmExec] = process.argv.slice(2);
if (mode === "stock") {
  const { createRequire } = await import("node:module");
  createRequire(import.meta.url)(wasmExec);
  const go = new Go();
  const { instance } = await WebAssembly.instantiate((await import("node:fs")).readFileSync(wasm), go.importObject);
  go.run(instance);
} else {
  const { load } = await import("./loader.mjs");
  await load(wasm);
}
if (!globalThis.ready) throw new Error("the program did not set its callbacks up");
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const out = {};

startGoroutine();
out.startedAtReturn = globalThis.started === true;
send(7);
out.receivedAtReturn = globalThis.received;
afterFunc(20);
out.firedAtReturn = globalThis.fired === true;
await later(200);
out.firedLater = globalThis.fired === true;
let t = performance.now();
out.sleep = sleep(30);
out.sleptMs = Math.round(performance.now() - t);
// A released Func gives undefined, not what the call before it returned.
const gone = released();
sleep(0);
out.releasedCall = String(gone());
// 200,000 calls in one go, 800 MB of garbage with finalizers: they run
// between calls, not only once JavaScript lets Go idle.
let finalizedDuring = 0;
for (let i = 0; i < 200000; i++) finalizedDuring = churn();
out.finalizedDuringCalls = finalizedDuring > 0;
console.log(JSON.stringify(out));
process.exit(0);
