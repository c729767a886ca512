// The public types of the loader: what load() takes and what it returns.
// Only types live here, so that every module may import them without
// importing code.

import type { ExitStatus } from "./errors.js";
import type { Sink } from "./host.js";
import type { Leak } from "./leaks.js";

/** Where the program comes from. In Node a string without a URL scheme, or a file: URL, is a file path. */
export type Source = BufferSource | WebAssembly.Module | Response | URL | string;

export interface LoadOptions {
  /** os.Args[1:]; os.Args[0] is the source's name. */
  args?: string[];
  /** The program's environment (os.Environ); empty unless given. */
  env?: Record<string, string>;
  /** Receives what the program writes to stdout; default: Node's fd 1, or console.log in a browser. */
  stdout?: Sink;
  /** Receives what the program writes to stderr; default: Node's fd 2, or console.error in a browser. */
  stderr?: Sink;
  /** Modules for the program's own //go:wasmimport functions. */
  imports?: Record<string, Record<string, WebAssembly.ImportValue>>;
  /**
   * Download progress of a fetched source, in decoded bytes. `total` is
   * `size` when given, else the Content-Length of an uncompressed response;
   * the last call has loaded === total and comes before load resolves.
   */
  onProgress?: (loaded: number, total: number | undefined) => void;
  /**
   * The program's size in bytes before any Content-Encoding (a build knows
   * it). A compressed response's Content-Length counts compressed bytes, so
   * without this a brotli-served program has no progress total.
   */
  size?: number;
  /** Passed to fetch for URL sources: credentials, integrity, headers, mode... */
  fetch?: RequestInit;
  /** Aborts the download and start-up; load then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Receives panics recovered in goroutines started by shim.Go; default console.error. */
  onError?: (err: Error) => void;
  /** In leak-tracking builds, release a js.Func's Go closure when it is found leaked. */
  autoRelease?: boolean;
  /**
   * Runs the program in a module Worker, so that Go's start-up and its
   * work never block the page (browsers only). `true` starts the loader's
   * own worker script: @buildwasm/loader's dist/worker.js (bundlers emit it
   * as a chunk), or in a buildwasm dist the loader module itself. A worker
   * script must come from the page's origin: with the loader on another
   * origin (a CDN), pass a string or URL naming a same-origin module that
   * imports the worker script there, either @buildwasm/loader's
   * dist/worker.js or buildwasm's loader with the fragment
   * "#buildwasm-worker" (the dist's worker stub). In worker mode every
   * export returns a Promise, arguments and results are structured-cloned
   * (their ArrayBuffers transferred), and `imports` is not available.
   */
  worker?: boolean | string | URL;
  /**
   * A Node-style fs (the callback API: open, read, write, stat...) for the
   * program's file operations in a browser, where there is none; writes
   * to fd 1 and 2 still go to stdout and stderr. buildwasm exec -browser
   * passes one that reaches the host's files. Ignored in Node.
   */
  fs?: object;
  /** The working directory the program sees (with `fs`). */
  cwd?: string;
  /**
   * The program's name: os.Args[0], and what errors call it; default the
   * source's URL or path ("wasm bytes", "wasm module" for those).
   */
  name?: string;
}

/** A phase of a load, in ms on the page's performance.now() clock. */
export interface Phase {
  start: number;
  end: number;
}

/**
 * When each phase of a load ran. Phases overlap (the compile runs while the
 * program downloads); together they cover load() from its call to ready.
 * The same numbers are performance.measure entries named "buildwasm:fetch",
 * "buildwasm:compile" and so on.
 */
export interface Timings {
  /**
   * The program's download, from Resource Timing; empty for bytes and
   * modules. In worker mode it starts at load(), so it also counts
   * starting the worker.
   */
  fetch: Phase;
  compile: Phase;
  instantiate: Phase;
  /**
   * Go's runtime and package initialisation, and main until ready; on the
   * main thread it begins, when the page has changed since its last frame,
   * with the wait for a paint, so the page shows its progress before Go
   * takes the thread. In worker mode it ends when the page hears that the
   * program is ready, so it also counts that message's trip.
   */
  init: Phase;
  /** The whole load. */
  ready: Phase;
}

/** Exports of a program on the main thread: called synchronously. */
export type SyncExports = Record<string, (...args: any[]) => any>;
/** Exports of a program in a worker: every call returns a Promise. */
export type AsyncExports = Record<string, (...args: any[]) => Promise<any>>;

/** Exports as a worker offers them: each function returns a Promise of what it returns on the main thread. */
export type InWorkerExports<Exports> = {
  [K in keyof Exports]: Exports[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : Exports[K];
};

/**
 * A running Go program. `InWorker` says where it runs: on the main thread
 * its exports are synchronous, in a worker (load's `worker` option) they
 * return Promises. App's own methods return Promises either way.
 * `Exports` types App.exports on the main thread: load<Exports>() takes it
 * on trust, as a description of the program's typed exports.
 */
export interface App<InWorker extends boolean = false, Exports extends object = SyncExports> {
  /**
   * What the program exports: its typed exports (//buildwasm:export, on
   * the main thread), its //go:wasmexport functions and what it registered
   * with shim.Export. Calling one after exit throws (in a worker: rejects
   * with) GoExitedError.
   */
  readonly exports: InWorker extends true ? InWorkerExports<Exports> : Exports;
  /** Resolves (never rejects) when the program exits, or with code -1 when disposed. */
  readonly exited: Promise<ExitStatus>;
  /** The Go version the program was built with, from its producers section ("go1.26.8"). */
  readonly goVersion: string | undefined;
  /** The compiled program and its instance; undefined in a worker, where they live. */
  readonly module: InWorker extends true ? undefined : WebAssembly.Module;
  readonly instance: InWorker extends true ? undefined : WebAssembly.Instance;
  /** The worker running the program, in worker mode. */
  readonly worker: InWorker extends true ? Worker : undefined;
  /** When each phase of the load ran. */
  readonly timings: Timings;
  /** Stops the program now and drops everything the loader holds for it. */
  dispose(): Promise<void>;
  /**
   * js.Funcs whose JS side was collected while unreleased, by site (leak
   * tracking builds: dev, or -leaks; empty otherwise).
   */
  leaks(): Promise<Leak[]>;
  /**
   * Best effort to settle both heaps: a Go GC and its finalizers, the JS GC
   * where it is exposed (Node --expose-gc, Chromium --js-flags=--expose-gc),
   * a yield for finalization callbacks; repeated until the counts stop
   * changing or `timeout` ms pass.
   */
  gc(timeout?: number): Promise<void>;
  /** A census of what the program holds (see Stats). */
  stats(): Promise<Stats>;
}

/** What a program holds, for App.stats. */
export interface Stats {
  /** Unreleased js.Funcs whose JS side is alive, by site (leak-tracking builds). */
  funcs: Record<string, number>;
  /** Sites whose live Func count grew across each of the last three App.gc calls: cycles that keep Funcs alive. */
  suspected: string[];
  /** js.Funcs Go keeps (its funcs map), and Go's heap bytes (buildwasm builds). */
  goFuncs?: number;
  goHeap?: number;
  /** JS values Go holds refs to. */
  refs: number;
  /** Bytes of the program's linear memory. */
  wasmMemory: number;
}
