/** The URL in a module's sourceMappingURL section, if it has one. */
export declare function sourceMapURL(module: WebAssembly.Module): string | undefined;
/**
 * Returns a function that rewrites an error's stack in place, wasm frames
 * named by Go function and file:line. Without a map it leaves stacks alone.
 */
export declare function symbolizer(module: WebAssembly.Module, wasmName: string): (err: unknown) => Promise<void>;
