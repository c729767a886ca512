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

/**
 * A non-nil error a typed export (//buildwasm:export) returned. `goType` is
 * its dynamic type as Go prints it ("*fs.PathError"); `cause` is the error
 * it wraps (errors.Unwrap), a GoError too.
 */
export class GoError extends Error {
  override name = "GoError";
  readonly goType: string;
  constructor(message: string, goType: string, cause?: GoError) {
    super(message, cause ? { cause } : undefined);
    this.goType = goType;
  }
}

/**
 * Thrown by a typed export that had to wait for JavaScript (a timer, an
 * event, a Promise): a synchronous call cannot give the thread back, so
 * the program ends with this error (code 2).
 */
export class GoBlockedError extends Error {
  override name = "GoBlockedError";
  /** The export's name in App.exports. */
  readonly export: string;
  /** The Go function, package path included. */
  readonly goFunc: string;
  constructor(name: string, goFunc: string) {
    super(
      `${name} (Go ${goFunc}) blocked: it waited for JavaScript (a timer such as time.Sleep, an event, a Promise), ` +
        "which a synchronous export cannot do, so the Go program has ended. Do the waiting in a goroutine, " +
        "or make the export async by giving it a context.Context first parameter, which makes it return a Promise",
    );
    this.export = name;
    this.goFunc = goFunc;
  }
}

const capture = (Error as { captureStackTrace?: (o: object, f: Function) => void }).captureStackTrace;

/** The JavaScript frames above fn, as V8 prints them, for errors thrown to fn's caller. */
export function callerFrames(fn: Function): string {
  const holder: { stack?: string } = {};
  if (capture) capture(holder, fn);
  else holder.stack = new Error().stack;
  return (holder.stack ?? "").split("\n").slice(1).join("\n");
}

/** err, its stack starting at fn's caller where the engine can do that: the loader's frames say nothing to it. */
export function thrownAt<E extends Error>(err: E, fn: Function): E {
  capture?.(err, fn);
  return err;
}

/**
 * Names a file as buildwasm's source maps do (sourcemap/map.go,
 * normalizeSources; a test runs both on the same files): a file of the
 * GOROOT the runtime's files are in becomes $GOROOT/src/..., one in a
 * module cache module@version/...; other names, and every -trimpath name,
 * stay as they are.
 */
export function publishedFile(file: string, goroot: string | undefined): string {
  if (goroot && file.startsWith(goroot + "/src/")) return "$GOROOT" + file.slice(goroot.length);
  const mod = file.indexOf("/pkg/mod/");
  return file.startsWith("/") && mod >= 0 ? file.slice(mod + "/pkg/mod/".length) : file;
}

/** The GOROOT of a runtime file's absolute path, as the source map finds it. */
export function gorootOf(file: string): string | undefined {
  const at = file.lastIndexOf("/src/runtime/");
  return at > 0 ? file.slice(0, at) : undefined;
}

/** Builds a GoPanicError or GoFatalError whose stack shows Go frames, then `jsFrames`. */
export function goError(kind: typeof GoPanicError | typeof GoFatalError, message: string, frames: GoFrame[], goroot?: string, jsFrames = "", cause?: unknown): GoPanicError | GoFatalError {
  const err = new kind(message, cause === undefined ? undefined : { cause });
  err.goStack = frames.map((f) => ({ ...f, file: publishedFile(f.file, goroot) }));
  const lines = err.goStack.map((f) => `    at ${f.func} (${f.file}:${f.line})`);
  err.stack = [`${err.name}: ${message}`, ...lines, ...(jsFrames ? [jsFrames] : [])].join("\n");
  return err;
}

/** The GoPanicError of a panic record (see contract.ts). */
export function panicError(rec: PanicRecord, jsFrames: string): GoPanicError {
  const frames = rec.goStack.map(([func, file, line]) => ({ func, file, line }));
  return goError(GoPanicError, rec.message, frames, rec.goroot, jsFrames, rec.jsError);
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
  const { frames, goroot } = tracebackFrames(dump);
  return goError(fatal ? GoFatalError : GoPanicError, message, frames, goroot);
}

// The frames of the first goroutine of a dump: pairs of "pkg.fn(args)" and
// "\tfile:line +0x..". Runtime frames and the panic call are left out, and
// so is buildwasm's callback boundary in syscall/js, as for callback panics;
// the runtime's files say where GOROOT is.
function tracebackFrames(dump: string): { frames: GoFrame[]; goroot?: string } {
  const block = dump.split("\n\n")[0].split("\n").slice(1);
  const frames: GoFrame[] = [];
  let goroot: string | undefined;
  for (let i = 0; i + 1 < block.length; i += 2) {
    const fn = block[i].replace(/\(.*\)$/, "");
    const pos = /^\t(.*):(\d+)(?: \+0x[0-9a-f]+)?$/.exec(block[i + 1]);
    if (!pos || fn.startsWith("created by ")) break;
    if (fn === "panic" || fn.startsWith("runtime.")) {
      goroot ??= gorootOf(pos[1]);
      continue;
    }
    if (fn.startsWith("syscall/js.invoke")) {
      if (frames.length > 0) break;
      continue;
    }
    frames.push({ func: fn, file: pos[1], line: Number(pos[2]) });
  }
  return { frames, goroot };
}

/** An Error as plain data, to cross between a worker and the page. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  goStack?: GoFrame[];
  code?: number;
  goType?: string;
  cause?: ErrorData;
}

export function errorData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const data: ErrorData = { name: err.name, message: err.message, stack: err.stack };
  if ("goStack" in err) data.goStack = (err as GoPanicError).goStack;
  if (err instanceof GoExitedError) data.code = err.code;
  if (err instanceof GoError) data.goType = err.goType;
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
    case "GoError":
      err = new GoError(data.message, data.goType ?? "", cause instanceof GoError ? cause : undefined);
      break;
    default: {
      // TypeError and RangeError (a typed export's wrong argument) stay
      // what they are, so that instanceof works on the page.
      const Standard = { TypeError, RangeError }[data.name] ?? Error;
      err = new Standard(data.message, cause ? { cause } : undefined);
      err.name = data.name;
    }
  }
  if (data.stack) err.stack = data.stack;
  return err;
}
