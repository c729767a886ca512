import type { App, LoadOptions, Source } from "./app";
/** The fragment that tells the loader it was started as buildwasm's worker. */
export declare const WORKER_MARK = "buildwasm-worker";
/** ArrayBuffers among values, to transfer rather than copy. */
export declare function transferables(values: unknown[]): Transferable[];
export declare function loadInWorker(source: Source, options: LoadOptions): Promise<App<true>>;
