// The worker side of worker mode: in a module Worker started by page.ts
// (buildwasm's loader module with #buildwasm-worker on its URL, or the npm
// package's dist/worker.js, main.ts), it waits for a start message, runs the
// program as load() would on a page, and answers calls, forwarding output,
// progress and the exit.

import { Unavailable } from "../bridge.js";
import { GoExitedError, errorData } from "../errors.js";
import { described } from "../exports.js";
import { start } from "../start.js";
import { transferables, type FromWorker, type PostedResponse, type StartMessage, type ToWorker } from "./protocol.js";

const NO_DOM =
  "this Go program runs in a Web Worker (load's worker option, or buildwasm build -worker), " +
  "where there is no DOM: it cannot use ";

/** Names a worker lacks, answered with an Error that says why. */
function domGuards(): Record<string, Unavailable> {
  const guards: Record<string, Unavailable> = {};
  for (const name of ["document", "window", "localStorage", "sessionStorage", "alert"]) {
    if (!(name in globalThis)) guards[name] = new Unavailable(NO_DOM + name);
  }
  return guards;
}

/** What serveWorker needs of a dedicated worker's global scope. */
export interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (ev: MessageEvent<ToWorker>) => void): void;
  removeEventListener(type: "message", listener: (ev: MessageEvent<ToWorker>) => void): void;
}

export function serveWorker(scope: WorkerScope) {
  const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);
  scope.addEventListener("message", async function onStart(ev: MessageEvent<ToWorker>) {
    if (ev.data.type !== "start") return;
    scope.removeEventListener("message", onStart);
    const { options } = ev.data;
    const source = ev.data.source;
    const sink = (type: "stdout" | "stderr") => (bytes: Uint8Array) => post({ type, bytes }, [bytes.buffer]);
    let result: Awaited<ReturnType<typeof start>>;
    try {
      result = await start(
        isPostedResponse(source) ? rebuildResponse(source) : source,
        {
          ...options,
          stdout: sink("stdout"),
          stderr: options.stderr ? sink("stderr") : undefined,
          onProgress: options.progress ? (loaded, total) => post({ type: "progress", loaded, total }) : undefined,
          onError: (error) => post({ type: "error", error: errorData(error) }),
        },
        domGuards(),
      );
    } catch (err) {
      post({ type: "failed", error: errorData(err), code: 1 });
      return;
    }
    const { app, bridge, failed } = result;
    if (failed) {
      post({ type: "failed", error: errorData(new GoExitedError(bridge.status!)), code: bridge.status!.code });
      return;
    }
    const refused = jsValueExport(app.exports);
    if (refused) {
      await app.dispose();
      post({ type: "failed", error: errorData(refused), code: 1 });
      return;
    }
    app.exited.then(({ code, error }) => post({ type: "exit", code, error: error && errorData(error) }));
    const aborts = new Map<number, AbortController>();
    scope.addEventListener("message", async (ev: MessageEvent<ToWorker>) => {
      const msg = ev.data;
      if (msg.type === "start") return;
      let value: unknown;
      try {
        switch (msg.type) {
          case "abort":
            aborts.get(msg.id)?.abort();
            return;
          case "call": {
            if (msg.abortable !== undefined) {
              const ac = new AbortController();
              aborts.set(msg.id, ac);
              msg.args[msg.abortable] = { ...(msg.args[msg.abortable] as object), signal: ac.signal };
            }
            try {
              value = await app.exports[msg.name](...msg.args);
            } finally {
              aborts.delete(msg.id);
            }
            break;
          }
          case "leaks":
            value = await app.leaks();
            break;
          case "stats":
            value = await app.stats();
            break;
          case "gc":
            await app.gc(msg.timeout);
            break;
          case "dispose":
            await app.dispose();
        }
      } catch (err) {
        post({ type: "reply", id: msg.id, error: errorData(err) });
        return;
      }
      try {
        post({ type: "reply", id: msg.id, value }, transferables([value]));
      } catch (err) {
        const what = msg.type === "call" ? `the result of ${msg.name}` : `the ${msg.type} result`;
        post({ type: "reply", id: msg.id, error: errorData(new Error(`${what} cannot be sent from the worker: ${(err as Error).message}`)) });
      }
    });
    const async: Record<string, number> = {};
    for (const [name, fn] of Object.entries(app.exports)) {
      if (described.get(fn)?.async) async[name] = fn.length;
    }
    post({
      type: "ready",
      exports: Object.keys(app.exports),
      async,
      goVersion: app.goVersion,
      timings: app.timings,
      timeOrigin: performance.timeOrigin,
    });
  });
}

// A typed export that takes or returns a js.Value cannot be offered to the
// page: a JS value of the worker's is no use there, nor one of the page's
// here.
function jsValueExport(exports: Record<string, Function>): Error | undefined {
  for (const fn of Object.values(exports)) {
    const x = described.get(fn);
    if (x && (x.result === "js.Value" || x.params.some((p) => p.type === "js.Value"))) {
      return new Error(
        `the typed export ${x.name} (Go ${x.goFunc}) takes or returns a js.Value, which cannot cross between the page and a worker: ` +
          "load this program without worker mode, or export a function of plain values instead",
      );
    }
  }
  return undefined;
}

function isPostedResponse(source: StartMessage["source"]): source is PostedResponse {
  return typeof source === "object" && "body" in source && source.body instanceof ReadableStream;
}

// The page's Response again, its URL included: errors and the source map's
// address are named after it.
function rebuildResponse(r: PostedResponse): Response {
  const response = new Response(r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
  Object.defineProperty(response, "url", { value: r.url });
  return response;
}
