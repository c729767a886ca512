// @buildwasm/loader: load and run Go js/wasm programs in browsers and Node.

import { start, type App, type LoadOptions, type Source } from "./app";
import { GoExitedError } from "./errors";

export type { App, LoadOptions, Source } from "./app";
export type { ExitStatus } from "./errors";
export type { Sink } from "./host";
export { GoExitedError, GoFatalError, GoPanicError } from "./errors";
export { SUPPORTED as supportedGoVersions } from "./check";

/**
 * Loads a Go js/wasm program and runs its main until it first waits for an
 * event (or returns). Rejects if the program is not Go js/wasm, needs an
 * import that is missing, or exits with a non-zero code before then.
 */
export async function load(source: Source, options?: LoadOptions): Promise<App> {
  const { app, bridge } = await start(source, options);
  if (bridge.status && bridge.status.code !== 0) throw new GoExitedError(bridge.status);
  return app;
}
