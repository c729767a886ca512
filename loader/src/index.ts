// @buildwasm/loader: load and run Go js/wasm programs in browsers and Node.

import { isOwnWorker } from "./ownworker";
import { serveWorker, type WorkerScope } from "./worker";

export { load } from "./app";
export type { App, AsyncExports, LoadOptions, Phase, Source, Stats, SyncExports, Timings } from "./app";
export type { ExitStatus, GoFrame } from "./errors";
export type { Sink } from "./host";
export type { Leak } from "./leaks";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors";
export { SUPPORTED as supportedGoVersions } from "./check";

// Started as buildwasm's worker (see ownworker.ts): run the program the
// page sends.
if (isOwnWorker()) serveWorker(globalThis as unknown as WorkerScope);
