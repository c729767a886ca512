// The app bundled by Vite and by webpack: the programs are assets next to
// this file. Worker mode needs the package's worker.js, which the bundler
// finds and emits as a chunk.
import { load } from "@buildwasm/loader";

const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));
const app = await load(new URL("./hello.wasm", import.meta.url));
const inWorker = await load(new URL("./worker.wasm", import.meta.url), { worker: true, stdout: () => {} });
window.result = {
  greeting: app.exports.greet("bundler"),
  workerSum: await inWorker.exports.add(40, 2),
  scripts: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js")),
  warnings,
};
