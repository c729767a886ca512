// Errors the loader hands to callers. Each has a stable `name` so that code
// which cannot use instanceof (another realm, a worker, a log) can still tell
// them apart.

import type { PanicRecord } from "./contract.js";

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
export class GoPanicError extends Error {
  override name = "GoPanicError";
  goStack: GoFrame[] = [];
}

/** A Go `fatal error:` (deadlock, concurrent map writes, out of memory...), with the same fields. */
export class GoFatalError extends Error {
  override name = "GoFatalError";
  goStack: GoFrame[] = [];
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

// Names a file as buildwasm's source maps do: -trimpath names as they are,
// absolute paths without this machine's module cache or GOROOT (the
// standard library under $GOROOT/src).
function publishedFile(file: string, func: string): string {
  if (!file.startsWith("/")) return file;
  const mod = file.indexOf("/pkg/mod/");
  if (mod >= 0) return file.slice(mod + "/pkg/mod/".length);
  const slash = func.lastIndexOf("/");
  const pkg = func.slice(0, slash + 1) + func.slice(slash + 1).split(".")[0];
  const at = file.lastIndexOf(`/src/${pkg}/`);
  return !pkg.split("/")[0].includes(".") && pkg !== "main" && at >= 0 ? `$GOROOT${file.slice(at)}` : file;
}

/** Builds a GoPanicError or GoFatalError whose stack shows Go frames, then `jsFrames`. */
export function goError(kind: typeof GoPanicError | typeof GoFatalError, message: string, frames: GoFrame[], jsFrames = "", cause?: unknown): GoPanicError | GoFatalError {
  const err = new kind(message, cause === undefined ? undefined : { cause });
  err.goStack = frames.map((f) => ({ ...f, file: publishedFile(f.file, f.func) }));
  const lines = err.goStack.map((f) => `    at ${f.func} (${f.file}:${f.line})`);
  err.stack = [`${err.name}: ${message}`, ...lines, ...(jsFrames ? [jsFrames] : [])].join("\n");
  return err;
}

/** The GoPanicError of a panic record (see contract.ts). */
export function panicError(rec: PanicRecord, jsFrames: string): GoPanicError {
  const frames = rec.goStack.map(([func, file, line]) => ({ func, file, line }));
  return goError(GoPanicError, rec.message, frames, jsFrames, rec.jsError);
}

// The runtime writes a dying program's report to fd 2: "panic: <value>"
// (possibly several lines, "[recovered]" chains) or "fatal error: <text>",
// then a goroutine dump whose first goroutine is the one that failed.
export function errorFromTraceback(text: string): Error | undefined {
  const start = text.search(/^(panic: |fatal error: )/m);
  if (start < 0) return undefined;
  let head = text.slice(start);
  let dump = "";
  const at = head.search(/\n\n(goroutine \d+|runtime stack:)/);
  if (at >= 0) {
    dump = head.slice(at + 2);
    head = head.slice(0, at);
  }
  head = head.replace(/\n+$/, "");
  const fatal = head.startsWith("fatal error: ") || head.startsWith("panic: buildwasm: runtime.Goexit");
  const message = head.replace(/^(fatal error|panic): /, "");
  return goError(fatal ? GoFatalError : GoPanicError, message, tracebackFrames(dump));
}

// The frames of the first goroutine of a dump: pairs of "pkg.fn(args)" and
// "\tfile:line +0x..". Runtime frames and the panic call are left out, and
// so is buildwasm's callback boundary in syscall/js, as for callback panics.
function tracebackFrames(dump: string): GoFrame[] {
  const block = dump.split("\n\n")[0].split("\n").slice(1);
  const frames: GoFrame[] = [];
  for (let i = 0; i + 1 < block.length; i += 2) {
    const fn = block[i].replace(/\(.*\)$/, "");
    const pos = /^\t(.*):(\d+)(?: \+0x[0-9a-f]+)?$/.exec(block[i + 1]);
    if (!pos || fn.startsWith("created by ")) break;
    if (fn === "panic" || fn.startsWith("runtime.")) continue;
    if (fn.startsWith("syscall/js.")) {
      if (frames.length > 0) break;
      continue;
    }
    frames.push({ func: fn, file: pos[1], line: Number(pos[2]) });
  }
  return frames;
}

/** An Error as plain data, to cross between a worker and the page. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  goStack?: GoFrame[];
  code?: number;
  cause?: ErrorData;
}

export function errorData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const data: ErrorData = { name: err.name, message: err.message, stack: err.stack };
  if ("goStack" in err) data.goStack = (err as GoPanicError).goStack;
  if (err instanceof GoExitedError) data.code = err.code;
  if (err.cause !== undefined) data.cause = errorData(err.cause);
  return data;
}

/** Rebuilds an error from errorData, of the same class for the loader's own. */
export function errorFromData(data: ErrorData): Error {
  const cause = data.cause && errorFromData(data.cause);
  let err: Error;
  switch (data.name) {
    case "GoPanicError":
    case "GoFatalError": {
      const goErr = new (data.name === "GoPanicError" ? GoPanicError : GoFatalError)(data.message, cause ? { cause } : undefined);
      goErr.goStack = data.goStack ?? [];
      err = goErr;
      break;
    }
    case "GoExitedError":
      err = new GoExitedError({ code: data.code ?? -1, error: cause });
      break;
    default:
      err = new Error(data.message, cause ? { cause } : undefined);
      err.name = data.name;
  }
  if (data.stack) err.stack = data.stack;
  return err;
}
