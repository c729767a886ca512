// @buildwasm/loader: load and run Go js/wasm programs in browsers and Node.

import { WORKER_MARK } from "./remote";
import { serveWorker, type WorkerScope } from "./worker";

export { load } from "./app";
export type { App, AsyncExports, LoadOptions, Phase, Source, Stats, SyncExports, Timings } from "./app";
export type { ExitStatus, GoFrame } from "./errors";
export type { Sink } from "./host";
export type { Leak } from "./leaks";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors";
export { SUPPORTED as supportedGoVersions } from "./check";

// Started as buildwasm's worker (remote.ts names this module with the
// fragment): run the program the page sends.
declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (
  typeof WorkerGlobalScope !== "undefined" &&
  globalThis instanceof WorkerGlobalScope &&
  typeof import.meta.url === "string" && // not in the <script> (IIFE) build
  new URL(import.meta.url).hash === "#" + WORKER_MARK
) {
  serveWorker(globalThis as unknown as WorkerScope);
}
