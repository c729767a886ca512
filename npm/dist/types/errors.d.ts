/** How a Go program ended: its exit code and, after a panic or fatal error, the error. */
export interface ExitStatus {
    code: number;
    error?: Error;
}
/** One Go stack frame. `file` is named as the program's source map names it. */
export interface GoFrame {
    func: string;
    file: string;
    line: number;
}
/**
 * A Go panic. `message` is the panic value as Go prints it, `goStack` the Go
 * frames from the panic outwards, and `stack` has them first, in V8's
 * format, then the JavaScript caller's frames.
 */
export declare class GoPanicError extends Error {
    name: string;
    goStack: GoFrame[];
}
/** A Go `fatal error:` (deadlock, concurrent map writes, out of memory...), with the same fields. */
export declare class GoFatalError extends Error {
    name: string;
    goStack: GoFrame[];
}
/** Thrown by every call into a Go program that has already exited. */
export declare class GoExitedError extends Error {
    name: string;
    /** The program's exit code. */
    readonly code: number;
    constructor(status: ExitStatus);
}
/** Builds a GoPanicError or GoFatalError whose stack shows Go frames, then `jsFrames`. */
export declare function goError(kind: typeof GoPanicError | typeof GoFatalError, message: string, frames: GoFrame[], jsFrames?: string, cause?: unknown): GoPanicError | GoFatalError;
/** The panic record the patched syscall/js leaves on an event. */
export interface PanicRecord {
    message: string;
    goStack: [string, string, number][];
    jsError?: unknown;
}
export declare function panicError(rec: PanicRecord, jsFrames: string): GoPanicError;
export declare function errorFromTraceback(text: string): Error | undefined;
/** An Error as plain data, to cross between a worker and the page. */
export interface ErrorData {
    name: string;
    message: string;
    stack?: string;
    goStack?: GoFrame[];
    code?: number;
    cause?: ErrorData;
}
export declare function errorData(err: unknown): ErrorData;
/** Rebuilds an error from errorData, of the same class for the loader's own. */
export declare function errorFromData(data: ErrorData): Error;
