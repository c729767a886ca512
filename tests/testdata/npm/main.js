// The app bundled by Vite and by webpack: the programs are assets next to
// this file. Worker mode needs the package's worker.js, which the bundler
// finds and emits as a chunk.
import { load } from "@buildwasm/loader";

const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));
const app = await load(new URL("./hello.wasm", import.meta.url));
const inWorker = await load(new URL("./worker.wasm", import.meta.url), { worker: true, stdout: () => {} });
// examples/typed's typed exports, on the main thread and in a worker.
const typed = await load(new URL("./typed.wasm", import.meta.url));
const typedInWorker = await load(new URL("./typed.wasm", import.meta.url), { worker: true });
window.result = {
  greeting: app.exports.greet("bundler"),
  workerSum: await inWorker.exports.add(40, 2),
  typed: [
    typed.exports.describe([1, 2, 3, 4]).median,
    await typed.exports.countdown(1),
    (await typedInWorker.exports.describe([5, 6, 7])).median,
    await typedInWorker.exports.countdown(2),
  ],
  scripts: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js")),
  warnings,
};
