// The messages of worker mode, between the page (page.ts) and the worker
// running the program (worker.ts).

import type { ErrorData } from "../errors.js";
import type { Timings } from "../types.js";

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

/** A request of the page: a message that expects a reply, without its id. */
export type Request = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, "id"> : never) : never;

/** ArrayBuffers among values, to transfer rather than copy. */
export function transferables(values: unknown[]): Transferable[] {
  const out = new Set<Transferable>();
  for (const v of values) {
    if (v instanceof ArrayBuffer) out.add(v);
    else if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  }
  return [...out];
}
