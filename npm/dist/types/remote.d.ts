import type { App, LoadOptions, Source } from "./app.js";
/** ArrayBuffers among values, to transfer rather than copy. */
export declare function transferables(values: unknown[]): Transferable[];
export declare function loadInWorker(source: Source, options: LoadOptions): Promise<App<true>>;
