// The worker side of worker mode: when this loader module runs as a module
// Worker started by remote.ts (its URL ends in #buildwasm-worker), it waits
// for a start message, runs the program as load() would on a page, and
// answers calls, forwarding output, progress and the exit.

import { start, type Timings } from "./app.js";
import { Unavailable } from "./abi.js";
import { GoExitedError, errorData, type ErrorData } from "./errors.js";
import { transferables } from "./remote.js";

/** Page → worker. */
export type ToWorker =
  | StartMessage
  | { type: "call"; id: number; name: string; args: unknown[] }
  | { type: "leaks" | "stats" | "dispose"; id: number }
  | { type: "gc"; id: number; timeout?: number };

/** A Response the page was given, with its body transferred. */
export interface PostedResponse {
  body: ReadableStream<Uint8Array>;
  status: number;
  statusText: string;
  headers: [string, string][];
  url: string;
}

export interface StartMessage {
  type: "start";
  source: string | ArrayBuffer | WebAssembly.Module | PostedResponse;
  options: {
    args?: string[];
    env?: Record<string, string>;
    size?: number;
    autoRelease?: boolean;
    fetch?: RequestInit;
    /** The page has its own stderr sink; otherwise the worker's console shows fatal errors. */
    stderr: boolean;
    progress: boolean;
  };
}

/** Worker → page. */
export type FromWorker =
  | { type: "stdout" | "stderr"; bytes: Uint8Array }
  | { type: "progress"; loaded: number; total: number | undefined }
  | { type: "error"; error: ErrorData }
  | { type: "ready"; exports: string[]; goVersion: string | undefined; timings: Timings; timeOrigin: number }
  | { type: "failed"; error: ErrorData; code: number }
  | { type: "exit"; code: number; error?: ErrorData }
  | { type: "reply"; id: number; value?: unknown; error?: ErrorData };

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

/** A request of the page: a message that expects a reply, without its id. */
export type Request = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, "id"> : never) : never;

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
    app.exited.then(({ code, error }) => post({ type: "exit", code, error: error && errorData(error) }));
    scope.addEventListener("message", async (ev: MessageEvent<ToWorker>) => {
      const msg = ev.data;
      if (msg.type === "start") return;
      let value: unknown;
      try {
        switch (msg.type) {
          case "call":
            value = await app.exports[msg.name](...msg.args);
            break;
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
    post({
      type: "ready",
      exports: Object.keys(app.exports),
      goVersion: app.goVersion,
      timings: app.timings,
      timeOrigin: performance.timeOrigin,
    });
  });
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
