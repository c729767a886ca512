// The messages of worker mode, between the page (page.ts) and the worker
// running the program (worker.ts).

import type { ErrorData } from "../errors.js";
import type { Timings } from "../types.js";

/** Page → worker. */
export type ToWorker =
  | StartMessage
  | CallMessage
  | { type: "abort"; id: number }
  | { type: "leaks" | "stats" | "dispose"; id: number }
  | { type: "gc"; id: number; timeout?: number };

/**
 * A call of an export. For an async typed export whose caller passed an
 * AbortSignal, `abortable` is the index of its options argument: the
 * worker puts a signal of its own there, which an abort message fires.
 */
export interface CallMessage {
  type: "call";
  id: number;
  name: string;
  args: unknown[];
  abortable?: number;
}

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
  | {
      type: "ready";
      exports: string[];
      /** The async typed exports, each with its number of Go parameters: where its options go. */
      async: Record<string, number>;
      goVersion: string | undefined;
      timings: Timings;
      timeOrigin: number;
    }
  | { type: "failed"; error: ErrorData; code: number }
  | { type: "exit"; code: number; error?: ErrorData }
  | { type: "reply"; id: number; value?: unknown; error?: ErrorData };

/** A request of the page: a message that expects a reply, without its id. */
export type Request = ToWorker extends infer T ? (T extends { id: number; type: infer K } ? (K extends "abort" ? never : Omit<T, "id">) : never) : never;

/**
 * ArrayBuffers among values, to transfer rather than copy: those of typed
 * arrays and ArrayBuffers, also inside the arrays and plain objects of
 * composite typed-export values, to a depth that any sane value stays in.
 */
export function transferables(values: unknown[]): Transferable[] {
  const out = new Set<Transferable>();
  const walk = (v: unknown, depth: number) => {
    if (v instanceof ArrayBuffer) out.add(v);
    else if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (depth < 8 && typeof v === "object" && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) {
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  for (const v of values) walk(v, 0);
  return [...out];
}
