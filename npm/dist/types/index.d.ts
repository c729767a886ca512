export { load } from "./app.js";
export type { App, AsyncExports, LoadOptions, Phase, Source, Stats, SyncExports, Timings } from "./app.js";
export type { ExitStatus, GoFrame } from "./errors.js";
export type { Sink } from "./host.js";
export type { Leak } from "./leaks.js";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors.js";
export { SUPPORTED as supportedGoVersions } from "./check.js";
