// The worker script of the npm package (dist/worker.js): page.ts starts
// it with new Worker(new URL("./worker.js", import.meta.url)), the form
// bundlers recognise, so they emit it as a worker chunk of its own.

import { serveWorker, type WorkerScope } from "./worker.js";

serveWorker(globalThis as unknown as WorkerScope);
