// From a source (bytes, module, response, URL or path) to a running program.

import { Bridge } from "./abi";
import { checkModule, goVersion } from "./check";
import type { ExitStatus } from "./errors";
import { consoleSink, isNode, memoryHost, nodeHost, type Host, type Sink } from "./host";

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
}

/** A running Go program. */
export interface App {
  /** The program's //go:wasmexport functions; calling one after exit throws GoExitedError. */
  readonly exports: Record<string, (...args: any[]) => any>;
  /** Resolves (never rejects) when the program exits. */
  readonly exited: Promise<ExitStatus>;
  /** The Go version the program was built with, from its producers section ("go1.26.8"). */
  readonly goVersion: string | undefined;
  readonly module: WebAssembly.Module;
  readonly instance: WebAssembly.Instance;
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

async function compileResponse(response: Response, name: string): Promise<WebAssembly.Module> {
  if (!response.ok) throw new Error(`fetching ${name} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  const type = (response.headers.get("Content-Type") ?? "").split(";")[0].trim();
  if (type === "application/wasm") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      throw new Error(`${name} is not a valid WebAssembly binary: ${(err as Error).message}`);
    }
  }
  console.warn(`buildwasm: ${name} was served as "${type}", not application/wasm, so it cannot be compiled while it downloads`);
  return compileBytes(await response.arrayBuffer(), name);
}

async function compile(source: Source): Promise<[WebAssembly.Module, string]> {
  if (source instanceof WebAssembly.Module) return [source, "wasm module"];
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return [await compileBytes(source, "wasm bytes"), "wasm bytes"];
  if (typeof Response !== "undefined" && source instanceof Response) {
    const name = source.url || "response";
    return [await compileResponse(source, name), name];
  }
  const name = String(source);
  if (isNode && (name.startsWith("file:") || !hasScheme(name))) {
    const fsName = "node:fs/promises";
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsName);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(name.startsWith("file:") ? new URL(name) : name);
    } catch (err: any) {
      throw new Error(err.code === "ENOENT" ? `${name}: no such file` : `${name}: ${err.message}`);
    }
    return [await compileBytes(bytes, name), name];
  }
  return [await compileResponse(await fetch(source as string | URL), name), name];
}

/**
 * Compiles and checks the program, then runs main until it exits or first
 * waits for an event. The bridge is for the loader's own runners.
 */
export async function start(source: Source, options: LoadOptions = {}): Promise<{ app: App; bridge: Bridge }> {
  const [module, name] = await compile(source);
  const host: Host = isNode
    ? await nodeHost(options.stdout, options.stderr)
    : memoryHost(options.stdout ?? consoleSink(console.log), options.stderr ?? consoleSink(console.error));
  const bridge = new Bridge(host);
  let raw: Record<string, any> = {};
  const imports: Record<string, Record<string, any>> = {
    ...options.imports,
    gojs: bridge.imports(),
    // Go's own syscall/js tests import these.
    _gotest: {
      add: (a: number, b: number) => a + b,
      callExport: (a: number, b: bigint) => {
        raw.testExport0();
        return raw.testExport(a, b);
      },
    },
  };
  checkModule(module, imports, name);
  const instance = await WebAssembly.instantiate(module, imports);
  raw = instance.exports;
  const exports: Record<string, (...args: any[]) => any> = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    if (RUNTIME_EXPORTS.has(key) || typeof value !== "function") continue;
    exports[key] = (...args: any[]) => bridge.call(value, args);
  }
  const app: App = { exports, exited: bridge.exited, goVersion: goVersion(module), module, instance };
  bridge.run(instance, [name, ...(options.args ?? [])], options.env ?? {});
  return { app, bridge };
}
