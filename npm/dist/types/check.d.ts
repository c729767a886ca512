export declare const SUPPORTED = "Go 1.24 to 1.27";
/**
 * Reads the numbers and names of a custom section's bytes (LEB128 and
 * length-prefixed UTF-8); throws RangeError past the end.
 */
export declare function sectionReader(section: ArrayBuffer): {
    uleb: () => number;
    str: () => string;
};
/** The `producers` custom section: which language and tools made the binary. */
export declare function producers(module: WebAssembly.Module): Record<string, Record<string, string>>;
/** The Go version a module was built with ("go1.26.8"), if it says. */
export declare function goVersion(module: WebAssembly.Module): string | undefined;
/**
 * Throws an Error naming the first problem: not a Go js/wasm program, or an
 * import that `provided` lacks.
 */
export declare function checkModule(module: WebAssembly.Module, provided: Record<string, Record<string, unknown>>, name: string): void;
