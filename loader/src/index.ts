// @buildwasm/loader: load and run Go js/wasm programs in browsers and Node.

export { load } from "./app";
export type { App, LoadOptions, Source, Stats } from "./app";
export type { ExitStatus } from "./errors";
export type { Sink } from "./host";
export type { Leak } from "./leaks";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors";
export { SUPPORTED as supportedGoVersions } from "./check";
