// From a source (bytes, module, response, URL or path) to a running program.

import { Bridge } from "./abi.js";
import { checkModule, goVersion } from "./check.js";
import { symbolizer } from "./symbolize.js";
import type { Leak } from "./leaks.js";
import { GoExitedError, panicError, type ExitStatus, type PanicRecord } from "./errors.js";
import { consoleSink, isNode, memoryHost, nodeHost, withFS, type Host, type Sink } from "./host.js";
import { loadInWorker } from "./remote.js";

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
   * the last call has loaded === total.
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

/**
 * A running Go program. `InWorker` says where it runs: on the main thread
 * its exports are synchronous, in a worker (load's `worker` option) they
 * return Promises. App's own methods return Promises either way.
 */
export interface App<InWorker extends boolean = false> {
  /**
   * What the program exports: its //go:wasmexport functions and what it
   * registered with shim.Export. Calling one after exit throws (in a
   * worker: rejects with) GoExitedError.
   */
  readonly exports: InWorker extends true ? AsyncExports : SyncExports;
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

// Exports that belong to the runtime, not to the program.
const RUNTIME_EXPORTS = new Set(["run", "resume", "getsp", "mem"]);

const hasScheme = (s: string) => /^[a-z][a-z0-9+.-]+:/i.test(s);

async function compileBytes(bytes: BufferSource, name: string): Promise<WebAssembly.Module> {
  if (bytes.byteLength === 0) throw new Error(`${name} is empty`);
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw new Error(`${name} is not a valid WebAssembly binary: ${(err as Error).message}`);
  }
}

// Counts bytes on a clone of the response: the original must reach
// compileStreaming untouched, or Chrome would not cache the compiled code.
async function countProgress(response: Response, report: NonNullable<LoadOptions["onProgress"]>, size?: number) {
  const header = response.headers.get("Content-Length");
  const encoded = response.headers.has("Content-Encoding");
  const total = size ?? (header === null || encoded ? undefined : Number(header));
  const reader = response.clone().body?.getReader();
  if (!reader) return;
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      report(loaded, total);
    }
  } catch {
    return; // the download failed; compile reports that
  }
  if (loaded !== total) report(loaded, loaded);
}

async function compileResponse(response: Response, name: string, options: LoadOptions): Promise<WebAssembly.Module> {
  if (!response.ok) throw new Error(`fetching ${name} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  if (options.onProgress) countProgress(response, options.onProgress, options.size);
  const type = (response.headers.get("Content-Type") ?? "").split(";")[0].trim();
  if (type === "application/wasm") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      if ((err as Error).name === "AbortError") throw err;
      throw new Error(`${name} is not a valid WebAssembly binary: ${(err as Error).message}`);
    }
  }
  console.warn(`buildwasm: ${name} was served as "${type}", not application/wasm, so it cannot be compiled while it downloads`);
  return compileBytes(await response.arrayBuffer(), name);
}

async function compile(source: Source, options: LoadOptions): Promise<[WebAssembly.Module, string]> {
  const named = (fallback: string) => options.name ?? fallback;
  if (source instanceof WebAssembly.Module) return [source, named("wasm module")];
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const name = named("wasm bytes");
    return [await compileBytes(source, name), name];
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    const name = named(source.url || "response");
    return [await compileResponse(source, name, options), name];
  }
  const location = String(source);
  const name = named(location);
  if (isNode && (location.startsWith("file:") || !hasScheme(location))) {
    const fsName = "node:fs/promises";
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsName);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readFile(location.startsWith("file:") ? new URL(location) : location, { signal: options.signal });
    } catch (err: any) {
      if (err.name === "AbortError") throw options.signal?.reason ?? err;
      throw new Error(err.code === "ENOENT" ? `${name}: no such file` : `${name}: ${err.message}`);
    }
    return [await compileBytes(bytes, name), name];
  }
  const init: RequestInit = { ...options.fetch, signal: options.signal ?? options.fetch?.signal };
  let response: Response;
  try {
    response = await fetch(source as string | URL, init);
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new Error(`fetching ${name} failed: ${(err as Error).message}`);
  }
  return [await compileResponse(response, name, options), name];
}

// The helpers below build closures outside start(), so that none of them
// captures start's variables: a function the page keeps (an export, a
// js.Func) must not keep the instance alive after dispose().

/** Calls the program's //go:wasmexport function `name`, looked up at each call. */
function exportWrapper(bridge: Bridge, name: string) {
  return (...args: any[]) => bridge.call(name, args);
}

/** What package shim finds as globalThis.__buildwasm: this instance only. */
function shimHost(exports: Record<string, unknown>, onError: (err: Error) => void, leaks: () => Leak[]) {
  let held = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const object = {
    exports,
    holdReady: () => void (held = true),
    ready: () => markReady(),
    panicError: (rec: PanicRecord) => panicError(rec, ""),
    reportPanic: (rec: PanicRecord) => onError(panicError(rec, "")),
    leaks,
  };
  return { object, ready, held: () => held };
}

async function settle(bridge: Bridge, timeout = 5000) {
  const deadline = Date.now() + timeout;
  const jsGC = (globalThis as { gc?: () => void }).gc;
  let last = "";
  // Finalization callbacks run in tasks of their own, which browsers may put
  // off: the counts must hold still for a few rounds.
  for (let still = 0; still < 3 && Date.now() < deadline; ) {
    bridge.goGC();
    jsGC?.();
    await new Promise((r) => setTimeout(r, 10));
    const now = `${bridge.liveRefs()} ${bridge.leaks?.report().reduce((n, l) => n + l.count, 0) ?? 0}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** The imports Go's own syscall/js tests need. */
export function gotestImports(bridge: Bridge) {
  return {
    add: (a: number, b: number) => a + b,
    callExport: (a: number, b: bigint) => {
      bridge.call("testExport0", []);
      return bridge.call("testExport", [a, b]);
    },
  };
}

// Follows, during a load, whether the page has drawn a frame since its last
// DOM change, so that what it shows (a progress bar, a spinner) is on screen
// before Go's initialisation takes the main thread, without waiting for a
// frame when the page already shows its latest state.
class PaintWatch {
  private changed = performance.now();
  private framed = -1;
  private pending = false;
  private readonly observer = new MutationObserver(() => this.change());

  constructor() {
    this.observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    this.change();
  }

  // Frames are asked for only when the page changed: a page that asks for
  // every frame makes Chromium draw it all the time, and on a busy machine
  // that costs download time.
  private change() {
    this.changed = performance.now();
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.framed = performance.now();
    });
  }

  // Resolves once the page's latest state has been drawn. Hidden pages get
  // no frames, hence the timeout.
  async painted(): Promise<void> {
    if (this.framed > this.changed) return;
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      setTimeout(resolve, 100);
    });
  }

  stop() {
    this.observer.disconnect();
  }
}

/** The download of a fetched program as Resource Timing saw it. */
function downloadPhase(name: string, fallback: Phase): Phase {
  const entries = typeof performance.getEntriesByName === "function" ? performance.getEntriesByName(name, "resource") : [];
  const entry = entries[entries.length - 1] as PerformanceResourceTiming | undefined;
  return entry && entry.responseEnd > 0 ? { start: entry.startTime, end: entry.responseEnd } : fallback;
}

/** Publishes timings as performance.measure entries named buildwasm:PHASE. */
export function measure(timings: Timings) {
  if (typeof performance.measure !== "function") return;
  for (const [phase, { start, end }] of Object.entries(timings)) {
    performance.measure(`buildwasm:${phase}`, { start, end });
  }
}

/**
 * Compiles and checks the program, then runs main until it is ready: until
 * it exits or first waits for an event, or, after shim.HoldReady, until
 * shim.Ready. The bridge is for the loader's own runners; `globals` are
 * more names served on the program's global object (the worker's guards).
 */
export async function start(
  source: Source,
  options: LoadOptions = {},
  globals: Record<string, unknown> = {},
): Promise<{ app: App; bridge: Bridge; failed: boolean }> {
  const onPage = typeof document !== "undefined" && typeof requestAnimationFrame === "function" && typeof MutationObserver === "function";
  const paint = onPage ? new PaintWatch() : undefined;
  try {
    return await startWatched(source, options, globals, paint);
  } finally {
    paint?.stop();
  }
}

async function startWatched(
  source: Source,
  options: LoadOptions,
  globals: Record<string, unknown>,
  paint: PaintWatch | undefined,
): Promise<{ app: App; bridge: Bridge; failed: boolean }> {
  const begin = performance.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const [module, name] = await compile(source, options);
  // Where the program came from, which its source map is next to.
  const location = typeof Response !== "undefined" && source instanceof Response ? source.url : typeof source === "string" || source instanceof URL ? String(source) : name;
  const compiled = performance.now();
  signal?.throwIfAborted();
  let host: Host;
  if (isNode) host = await nodeHost(options.stdout, options.stderr);
  else if (options.stderr) host = memoryHost(options.stdout ?? consoleSink(console.log), options.stderr);
  else host = { ...memoryHost(options.stdout ?? consoleSink(console.log), consoleSink(console.error)), quiet: true };
  if (options.fs && !isNode) host = withFS(host, options.fs, options.cwd);

  const exports: SyncExports = Object.create(null);
  const shim = shimHost(exports, options.onError ?? ((err) => console.error(err)), () => bridge.leaks?.report() ?? []);
  const bridge = new Bridge(host, { ...globals, __buildwasm: shim.object }, symbolizer(module, location), options.autoRelease);
  const imports = { ...options.imports, gojs: bridge.imports(), _gotest: gotestImports(bridge) };
  checkModule(module, imports, name);
  const instance = await WebAssembly.instantiate(module, imports);
  const instantiated = performance.now();
  signal?.throwIfAborted();
  for (const [key, value] of Object.entries(instance.exports)) {
    if (!RUNTIME_EXPORTS.has(key) && typeof value === "function") exports[key] = exportWrapper(bridge, key);
  }
  let suspected: string[] = [];
  const fetched = typeof source === "string" || source instanceof URL || (typeof Response !== "undefined" && source instanceof Response);
  const timings: Timings = {
    fetch: fetched ? downloadPhase(location, { start: begin, end: compiled }) : { start: begin, end: begin },
    compile: { start: begin, end: compiled },
    // From the compiled module: checking its imports and making the host
    // count as instantiating it, so that the phases leave no gap.
    instantiate: { start: compiled, end: instantiated },
    init: { start: instantiated, end: instantiated },
    ready: { start: begin, end: instantiated },
  };
  const app: App = {
    exports,
    exited: bridge.exited,
    goVersion: goVersion(module),
    module,
    instance,
    worker: undefined,
    timings,
    async dispose() {
      bridge.dispose();
      for (const key of Object.keys(exports)) delete exports[key];
    },
    leaks: async () => bridge.leaks?.report() ?? [],
    gc: async (timeout) => {
      await settle(bridge, timeout);
      suspected = bridge.leaks?.census() ?? [];
    },
    stats: async () => ({
      funcs: bridge.leaks?.live() ?? {},
      suspected,
      ...bridge.goStats(),
      refs: bridge.liveRefs(),
      wasmMemory: bridge.memoryBytes(),
    }),
  };
  // init starts here: with the wait for a paint on the main thread, so that
  // the phases leave no gap.
  await paint?.painted();
  bridge.run(instance, [name, ...(options.args ?? [])], options.env ?? {});
  if (shim.held() && !bridge.status) await Promise.race([shim.ready, bridge.exited]);
  timings.init.end = timings.ready.end = performance.now();
  // Exiting before ready is a failure after HoldReady; otherwise only a
  // non-zero exit is (a program may well run to completion in main).
  const failed = bridge.status !== undefined && (shim.held() || bridge.status.code !== 0);
  return { app, bridge, failed };
}

/**
 * Loads a Go js/wasm program and runs it until it is ready (see start).
 * Rejects if the program is not Go js/wasm, needs an import that is missing,
 * or exits before it is ready with a non-zero code (or at all, after
 * shim.HoldReady).
 */
export function load(source: Source, options: LoadOptions & { worker: true | string | URL }): Promise<App<true>>;
export function load(source: Source, options?: LoadOptions & { worker?: false }): Promise<App<false>>;
export function load(source: Source, options?: LoadOptions): Promise<App<boolean>>;
export async function load(source: Source, options: LoadOptions = {}): Promise<App<boolean>> {
  if (options.worker) return loadInWorker(source, options);
  const { app, bridge, failed } = await start(source, options);
  if (failed) throw new GoExitedError(bridge.status!);
  measure(app.timings);
  return app;
}
