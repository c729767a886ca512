// load(): the loader's public entry point, on the main thread or in a worker.

import { GoExitedError } from "./errors.js";
import { start } from "./start.js";
import { measure } from "./timings.js";
import type { App, LoadOptions, Source, SyncExports } from "./types.js";
import { loadInWorker } from "./worker/page.js";

/**
 * Loads a Go js/wasm program and runs it until it is ready (see start).
 * Rejects if the program is not Go js/wasm, needs an import that is missing,
 * or exits before it is ready with a non-zero code (or at all, after
 * shim.HoldReady). `Exports` is the type of App.exports: the program's
 * typed exports (//buildwasm:export), which worker mode does not offer yet.
 */
export function load<Exports extends object = SyncExports>(source: Source, options: LoadOptions & { worker: true | string | URL }): Promise<App<true, Exports>>;
export function load<Exports extends object = SyncExports>(source: Source, options?: LoadOptions & { worker?: false }): Promise<App<false, Exports>>;
export function load<Exports extends object = SyncExports>(source: Source, options?: LoadOptions): Promise<App<boolean, Exports>>;
export async function load(source: Source, options: LoadOptions = {}): Promise<App<boolean>> {
  if (options.worker) return loadInWorker(source, options);
  const { app, bridge, failed } = await start(source, options);
  if (failed) throw new GoExitedError(bridge.status!);
  measure(app.timings);
  return app;
}
