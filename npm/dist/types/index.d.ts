export { load } from "./app";
export type { App, AsyncExports, LoadOptions, Phase, Source, Stats, SyncExports, Timings } from "./app";
export type { ExitStatus, GoFrame } from "./errors";
export type { Sink } from "./host";
export type { Leak } from "./leaks";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors";
export { SUPPORTED as supportedGoVersions } from "./check";
