// Runs testdata/gcsync (argv[3]) under buildwasm's loader ("ours", or
// "keep", where Go also keeps an object a round) or the toolchain's
// wasm_exec.js (argv[4], "stock") and prints the peak of Node's
// ArrayBuffer memory while it creates and drops 1,000 buffers of 1 MiB.
const [mode, wasm, wasmExec] = process.argv.slice(2);
let peak = 0;
globalThis.keepObjects = mode === "keep";
globalThis.sample = () => { peak = Math.max(peak, process.memoryUsage().arrayBuffers); };
if (mode === "stock") {
  const { createRequire } = await import("node:module");
  createRequire(import.meta.url)(wasmExec);
  const go = new Go();
  const { instance } = await WebAssembly.instantiate((await import("node:fs")).readFileSync(wasm), go.importObject);
  await go.run(instance);
} else {
  const { load } = await import("./loader.mjs");
  const app = await load(wasm);
  await app.exited;
}
console.log(JSON.stringify({ mode, peakMiB: peak / 2 ** 20 }));
