// The page side of worker mode: load(source, {worker}) starts a module
// Worker that fetches, compiles and runs the program (worker.ts), and hands
// back an App whose calls cross to it as messages.

import { GoExitedError, errorFromData, type ExitStatus } from "../errors.js";
import { consoleSink, isNode } from "../host.js";
import type { Leak } from "../leaks.js";
import { measure } from "../timings.js";
import type { App, AsyncExports, LoadOptions, Source, Stats, Timings } from "../types.js";
import { startOwnWorker } from "./own.js";
import { transferables, type FromWorker, type Request, type StartMessage, type ToWorker } from "./protocol.js";

async function workerSource(source: Source): Promise<[StartMessage["source"], Transferable[]]> {
  if (source instanceof WebAssembly.Module) return [source, []];
  if (source instanceof ArrayBuffer) return [source.slice(0), []];
  if (ArrayBuffer.isView(source)) {
    const copy = new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
    return [copy.buffer, [copy.buffer]];
  }
  if (source instanceof Response) {
    // A Response cannot be posted. Its body can be transferred where
    // browsers allow it, so the download is not repeated and the worker
    // still compiles while it arrives; elsewhere the worker fetches the URL
    // again, or gets the bytes.
    if (source.body && !source.bodyUsed && !source.body.locked && canTransferStreams()) {
      const { body, status, statusText, url } = source;
      const headers: [string, string][] = [];
      source.headers.forEach((value, name) => headers.push([name, value]));
      return [{ body, status, statusText, headers, url }, [body]];
    }
    if (!source.url || source.bodyUsed) {
      const bytes = await source.arrayBuffer();
      return [bytes, [bytes]];
    }
    return [source.url, []];
  }
  return [new URL(String(source), document.baseURI).href, []];
}

let streamsTransfer: boolean | undefined;

function canTransferStreams(): boolean {
  if (streamsTransfer === undefined) {
    try {
      const probe = new ReadableStream();
      structuredClone(probe, { transfer: [probe as unknown as Transferable] });
      streamsTransfer = true;
    } catch {
      streamsTransfer = false;
    }
  }
  return streamsTransfer;
}

function startWorker(worker: true | string | URL): { worker: Worker; script: string } {
  if (worker === true) return startOwnWorker();
  const script = new URL(String(worker), document.baseURI);
  return { worker: new Worker(script, { type: "module", name: "buildwasm" }), script: script.href };
}

export async function loadInWorker(source: Source, options: LoadOptions): Promise<App<true>> {
  const begin = performance.now();
  if (isNode || typeof Worker === "undefined") throw new Error("load: worker mode needs a browser's Worker; in Node, call load() inside a worker_threads Worker instead");
  if (options.imports) throw new Error("load: options.imports cannot be used in worker mode: functions cannot be sent to a worker");
  options.signal?.throwIfAborted();
  const [wasm, transfer] = await workerSource(source);
  let worker: Worker, script: string;
  try {
    ({ worker, script } = startWorker(options.worker as true | string | URL));
  } catch (err) {
    if (!(err instanceof DOMException)) throw err;
    const named = options.worker === true ? "" : ` ${options.worker}`;
    throw new Error(`starting the worker${named} failed (${err.message}): a worker script must come from the page's origin`);
  }
  const stdout = options.stdout ?? consoleSink(console.log);
  const stderr = options.stderr;
  const onError = options.onError ?? ((err: Error) => console.error(err));
  const send = (msg: ToWorker, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);

  let status: ExitStatus | undefined;
  let resolveExited!: (s: ExitStatus) => void;
  const exited = new Promise<ExitStatus>((resolve) => (resolveExited = resolve));
  const finish = (s: ExitStatus) => {
    if (status) return;
    status = s;
    resolveExited(s);
    for (const [, p] of pending) p.reject(new GoExitedError(s));
    pending.clear();
    worker.terminate();
  };

  let nextID = 0;
  // Calls awaiting their reply; release lets go of the caller's signal,
  // which may outlive many calls.
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; release: () => void }>();
  const request = (msg: Request, transfer: Transferable[] = [], signal?: AbortSignal) =>
    new Promise<any>((resolve, reject) => {
      if (status) return reject(new GoExitedError(status));
      const id = nextID++;
      // An AbortSignal cannot be sent: its abort is, and the call rejects
      // here at once, as on the main thread.
      const onAbort = () => {
        if (!pending.delete(id)) return;
        reject(signal!.reason);
        if (!status) send({ type: "abort", id });
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      pending.set(id, { resolve, reject, release: () => signal?.removeEventListener("abort", onAbort) });
      send({ ...msg, id } as ToWorker, transfer);
    });
  // An async typed export, whose options (after its `at` Go arguments) may
  // hold an AbortSignal.
  const abortableCall = (name: string, args: unknown[], at: number) => {
    const options = args[at] as { signal?: unknown } | undefined;
    const signal = options?.signal;
    if (!(signal instanceof AbortSignal)) return request({ type: "call", name, args }, transferables(args));
    if (signal.aborted) return Promise.reject(signal.reason);
    args = args.slice();
    args[at] = { ...options, signal: undefined };
    return request({ type: "call", name, args, abortable: at }, transferables(args), signal);
  };

  let abortStartup = () => {};
  const ready = new Promise<Extract<FromWorker, { type: "ready" }>>((resolve, reject) => {
    worker.addEventListener("error", (ev) => {
      ev.preventDefault();
      const err = new Error(`the worker ${script} failed: ${ev.message || "it could not be loaded (404, MIME type, CORS or CSP)"}`);
      reject(err);
      finish({ code: 1, error: err });
    });
    // Like load on the main thread, the signal covers the download and
    // start-up only; it is let go once the program is ready.
    abortStartup = () => {
      reject(options.signal!.reason);
      finish({ code: -1 });
    };
    options.signal?.addEventListener("abort", abortStartup);
    worker.addEventListener("message", (ev: MessageEvent<FromWorker>) => {
      const msg = ev.data;
      switch (msg.type) {
        case "stdout":
          return stdout(msg.bytes);
        case "stderr":
          return stderr?.(msg.bytes);
        case "progress":
          return options.onProgress?.(msg.loaded, msg.total);
        case "error":
          return onError(errorFromData(msg.error));
        case "ready":
          return resolve(msg);
        case "failed": {
          const err = errorFromData(msg.error);
          reject(err);
          return finish({ code: msg.code, error: err instanceof GoExitedError ? (err.cause as Error) : err });
        }
        case "exit":
          return finish({ code: msg.code, error: msg.error && errorFromData(msg.error) });
        case "reply": {
          const p = pending.get(msg.id);
          pending.delete(msg.id);
          p?.release();
          if (msg.error) p?.reject(errorFromData(msg.error));
          else p?.resolve(msg.value);
        }
      }
    });
  });
  const start: StartMessage = {
    type: "start",
    source: wasm,
    options: {
      args: options.args,
      env: options.env,
      size: options.size,
      autoRelease: options.autoRelease,
      fetch: options.fetch && { ...options.fetch, signal: undefined },
      stderr: Boolean(stderr),
      progress: Boolean(options.onProgress),
    },
  };
  try {
    send(start, transfer);
  } catch (err) {
    finish({ code: 1, error: err as Error });
    throw err;
  }
  const info = await ready;
  options.signal?.removeEventListener("abort", abortStartup);

  // The worker's clock starts at its own time origin.
  const shift = info.timeOrigin - performance.timeOrigin;
  const timings = Object.fromEntries(
    Object.entries(info.timings).map(([k, p]) => [k, { start: p.start + shift, end: p.end + shift }]),
  ) as unknown as Timings;
  timings.ready = { start: begin, end: performance.now() };
  timings.fetch.start = begin;
  timings.init.end = timings.ready.end;
  measure(timings);

  const exports: AsyncExports = Object.create(null);
  for (const name of info.exports) {
    const at = info.async[name];
    exports[name] =
      at === undefined
        ? (...args: any[]) => request({ type: "call", name, args }, transferables(args))
        : (...args: any[]) => abortableCall(name, args, at);
  }
  const app: App<true> = {
    exports,
    exited,
    goVersion: info.goVersion,
    module: undefined,
    instance: undefined,
    worker,
    timings,
    async dispose() {
      for (const key of Object.keys(exports)) delete exports[key];
      if (!status) await request({ type: "dispose" }).catch(() => {});
      finish({ code: -1 });
    },
    leaks: (): Promise<Leak[]> => request({ type: "leaks" }),
    gc: (timeout?: number): Promise<void> => request({ type: "gc", timeout }),
    stats: (): Promise<Stats> => request({ type: "stats" }),
  };
  return app;
}
