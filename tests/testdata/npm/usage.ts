// Touches every public API of @buildwasm/loader; the npm test type-checks it
// with tsc --noEmit --strict against the packed package.
import { load, GoExitedError, GoFatalError, GoPanicError, supportedGoVersions } from "@buildwasm/loader";
import type { App, AsyncExports, ExitStatus, GoFrame, Leak, LoadOptions, Phase, Sink, Source, Stats, SyncExports, Timings } from "@buildwasm/loader";

const sink: Sink = (bytes: Uint8Array) => void bytes.length;
const options: LoadOptions = {
  args: ["a"],
  env: { KEY: "value" },
  stdout: sink,
  stderr: sink,
  imports: { env: { double: (x: number) => 2 * x } },
  onProgress: (loaded: number, total: number | undefined) => void [loaded, total],
  size: 1024,
  fetch: { credentials: "include" },
  signal: new AbortController().signal,
  onError: (err: Error) => void err.message,
  autoRelease: true,
};

export async function mainThread(source: Source): Promise<number> {
  const app: App = await load(source, options);
  const sum: number = app.exports.add(1, 2);
  const exports: SyncExports = app.exports;
  const module: WebAssembly.Module = app.module;
  const instance: WebAssembly.Instance = app.instance;
  const version: string | undefined = app.goVersion;
  const timings: Timings = app.timings;
  const init: Phase = timings.init;
  const leaks: Leak[] = await app.leaks();
  const stats: Stats = await app.stats();
  const live: Record<string, number> = stats.funcs;
  await app.gc(100);
  await app.dispose();
  const status: ExitStatus = await app.exited;
  const code: number = status.code;
  const error: Error | undefined = status.error;
  void [exports, module, instance, version, init.end - init.start, leaks.length, live, error];
  return sum + code;
}

export async function inWorker(source: Source): Promise<number> {
  const app: App<true> = await load(source, { worker: true, stdout: sink });
  const exports: AsyncExports = app.exports;
  const sum: number = await app.exports.add(1, 2);
  const worker: Worker = app.worker;
  // @ts-expect-error: in worker mode the module stays in the worker
  const module: WebAssembly.Module = app.module;
  const stub = await load(source, { worker: new URL("./worker-stub.js", "https://example.com/") });
  await Promise.all([app.dispose(), stub.dispose()]);
  void [exports, worker, module];
  return sum;
}

export function describe(err: unknown): string {
  if (err instanceof GoPanicError || err instanceof GoFatalError) {
    const frames: GoFrame[] = err.goStack;
    return frames.map((f) => `${f.func} ${f.file}:${f.line}`).join("\n");
  }
  if (err instanceof GoExitedError) return `exited with ${err.code}`;
  return `${supportedGoVersions}: ${String(err)}`;
}
