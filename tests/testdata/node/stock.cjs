// A program importing shim under the toolchain's stock wasm_exec.js: its
// exports land on globalThis and HoldReady/Ready do nothing.
const [wasmExec, program] = process.argv.slice(2);
require(wasmExec);
const go = new Go();
WebAssembly.instantiate(require("fs").readFileSync(program), go.importObject).then(({ instance }) => {
  go.run(instance);
  setTimeout(() => {
    console.log(JSON.stringify({ late: typeof globalThis.late === "function" ? globalThis.late("stock") : "missing" }));
    process.exit(0);
  }, 300);
});
