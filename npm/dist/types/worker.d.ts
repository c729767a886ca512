import { type Timings } from "./app.js";
import { type ErrorData } from "./errors.js";
/** Page → worker. */
export type ToWorker = StartMessage | {
    type: "call";
    id: number;
    name: string;
    args: unknown[];
} | {
    type: "leaks" | "stats" | "dispose";
    id: number;
} | {
    type: "gc";
    id: number;
    timeout?: number;
};
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
export type FromWorker = {
    type: "stdout" | "stderr";
    bytes: Uint8Array;
} | {
    type: "progress";
    loaded: number;
    total: number | undefined;
} | {
    type: "error";
    error: ErrorData;
} | {
    type: "ready";
    exports: string[];
    goVersion: string | undefined;
    timings: Timings;
    timeOrigin: number;
} | {
    type: "failed";
    error: ErrorData;
    code: number;
} | {
    type: "exit";
    code: number;
    error?: ErrorData;
} | {
    type: "reply";
    id: number;
    value?: unknown;
    error?: ErrorData;
};
/** What serveWorker needs of a dedicated worker's global scope. */
export interface WorkerScope {
    postMessage(message: unknown, transfer: Transferable[]): void;
    addEventListener(type: "message", listener: (ev: MessageEvent<ToWorker>) => void): void;
    removeEventListener(type: "message", listener: (ev: MessageEvent<ToWorker>) => void): void;
}
/** A request of the page: a message that expects a reply, without its id. */
export type Request = ToWorker extends infer T ? (T extends {
    id: number;
} ? Omit<T, "id"> : never) : never;
export declare function serveWorker(scope: WorkerScope): void;
