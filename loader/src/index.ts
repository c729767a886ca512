// @buildwasm/loader: load and run Go js/wasm programs in browsers and Node.

import { isOwnWorker } from "./worker/own.js";
import { serveWorker, type WorkerScope } from "./worker/worker.js";

export { load } from "./load.js";
export type { App, AsyncExports, InWorkerExports, LoadOptions, Phase, Source, Stats, SyncExports, Timings } from "./types.js";
export type { ExitStatus, GoFrame } from "./errors.js";
export type { Sink } from "./host.js";
export type { Leak } from "./leaks.js";
export { GoBlockedError, GoError, GoExitedError, GoFatalError, GoPanicError } from "./errors.js";
export { SUPPORTED as supportedGoVersions } from "./check.js";

// Started as buildwasm's worker (see worker/own.ts): run the program the
// page sends.
if (isOwnWorker()) serveWorker(globalThis as unknown as WorkerScope);
