// From a source to a program running until it is ready: compile, check,
// instantiate and run main. load() and the worker side of worker mode
// use it, and so does buildwasm exec.

import { SHIM_GLOBAL } from "./contract.js";
import { Bridge } from "./bridge.js";
import { RUNTIME_EXPORTS, checkModule } from "./check.js";
import { compile } from "./compile.js";
import { RAW_PREFIX, typedExports } from "./exports.js";
import { buildwasmImports, gojsImports } from "./gojs.js";
import { gotestImports } from "./gotest.js";
import { consoleSink, isNode, memoryHost, nodeHost, withFS, type Host } from "./host.js";
import { goVersion } from "./sections.js";
import { shimHost } from "./shim.js";
import { symbolizer } from "./symbolize.js";
import { PaintWatch, downloadPhase } from "./timings.js";
import type { App, LoadOptions, Source, SyncExports, Timings } from "./types.js";

// Besides RUNTIME_EXPORTS, exports named RAW_PREFIX... are the typed
// exports' machinery, not the program's.

// The helpers below build closures outside start(), so that none of them
// captures start's variables: a function the page keeps (an export, a
// js.Func) must not keep the instance alive after dispose().

/** Calls the program's //go:wasmexport function `name`, looked up at each call. */
function exportWrapper(bridge: Bridge, name: string) {
  return (...args: any[]) => bridge.call(name, args);
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
  const bridge = new Bridge(host, { ...globals, [SHIM_GLOBAL]: shim.object }, symbolizer(module, location), options.autoRelease);
  const imports = { ...options.imports, gojs: gojsImports(bridge), buildwasm: buildwasmImports(bridge), _gotest: gotestImports(bridge) };
  checkModule(module, imports, name);
  const instance = await WebAssembly.instantiate(module, imports);
  const instantiated = performance.now();
  signal?.throwIfAborted();
  for (const [key, value] of Object.entries(instance.exports)) {
    if (!RUNTIME_EXPORTS.has(key) && !key.startsWith(RAW_PREFIX) && typeof value === "function") exports[key] = exportWrapper(bridge, key);
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
  // Their descriptions can be read only now, with the runtime started.
  try {
    Object.assign(exports, typedExports(bridge, instance.exports));
  } catch (err) {
    bridge.dispose();
    throw err;
  }
  if (shim.held() && !bridge.status) await Promise.race([shim.ready, bridge.exited]);
  timings.init.end = timings.ready.end = performance.now();
  // Exiting before ready is a failure after HoldReady; otherwise only a
  // non-zero exit is (a program may well run to completion in main).
  const failed = bridge.status !== undefined && (shim.held() || bridge.status.code !== 0);
  return { app, bridge, failed };
}
