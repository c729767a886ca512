// Errors the loader hands to callers. Each has a stable `name` so that code
// which cannot use instanceof (another realm, a worker, a log) can still tell
// them apart.

/** How a Go program ended: its exit code and, after a panic or fatal error, the error. */
export interface ExitStatus {
  code: number;
  error?: Error;
}

/** A Go panic, parsed from the traceback the Go runtime printed. */
export class GoPanicError extends Error {
  override name = "GoPanicError";
}

/** A Go `fatal error:` (deadlock, concurrent map writes, out of memory...). */
export class GoFatalError extends Error {
  override name = "GoFatalError";
}

/** Thrown by every call into a Go program that has already exited. */
export class GoExitedError extends Error {
  override name = "GoExitedError";
  /** The program's exit code. */
  readonly code: number;
  constructor(status: ExitStatus) {
    const why = status.error ? `: ${status.error.message}` : "";
    const what = status.code === -1 /* DISPOSED */ ? "Go program was stopped by dispose()" : `Go program has exited with code ${status.code}${why}`;
    super(what, status.error ? { cause: status.error } : undefined);
    this.code = status.code;
  }
}

// The runtime writes a dying program's report to fd 2. Only the headline is
// needed here: "panic: <value>" (possibly several lines, and possibly
// "[recovered]" chains) or "fatal error: <text>", up to the first goroutine
// dump.
export function errorFromTraceback(text: string): Error | undefined {
  const start = text.search(/^(panic: |fatal error: )/m);
  if (start < 0) return undefined;
  let head = text.slice(start);
  const dump = head.search(/\n\n(goroutine \d+|runtime stack:)/);
  if (dump >= 0) head = head.slice(0, dump);
  head = head.replace(/\n+$/, "");
  if (head.startsWith("fatal error: ")) return new GoFatalError(head.slice("fatal error: ".length));
  return new GoPanicError(head.slice("panic: ".length));
}
