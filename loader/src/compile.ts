// Fetching and compiling a program from a source (bytes, module, response,
// URL or path), with progress and the errors a wrong source deserves.

import { isNode } from "./host.js";
import type { LoadOptions, Source } from "./types.js";

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
  // The clone is read at its own pace, which can trail the compile: the
  // count is awaited too, so the last report (a full bar) comes before
  // load resolves. countProgress never rejects.
  const counted = options.onProgress && countProgress(response, options.onProgress, options.size);
  const module = await compileFrom(response, name);
  await counted;
  return module;
}

async function compileFrom(response: Response, name: string): Promise<WebAssembly.Module> {
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

export async function compile(source: Source, options: LoadOptions): Promise<[WebAssembly.Module, string]> {
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
