// How worker: true starts the loader's own worker, and how the loader knows
// it runs as that worker. buildwasm's dist starts the loader module itself,
// marked with a fragment, so a deploy has no extra file. The npm package
// bundles own.npm.ts in place of this file (loader.NPMModule).

/** The fragment that tells the loader it was started as buildwasm's worker. */
const WORKER_MARK = "buildwasm-worker";

export function startOwnWorker(): { worker: Worker; script: string } {
  if (typeof import.meta.url !== "string") {
    throw new Error("load: worker: true needs the loader's ES module; with the <script> build, pass worker the URL of a module script that imports it with #buildwasm-worker");
  }
  const url = new URL(import.meta.url);
  url.hash = WORKER_MARK;
  return { worker: new Worker(url, { type: "module", name: "buildwasm" }), script: url.href };
}

declare const WorkerGlobalScope: { new (): unknown } | undefined;

export function isOwnWorker(): boolean {
  return (
    typeof WorkerGlobalScope !== "undefined" &&
    globalThis instanceof WorkerGlobalScope &&
    typeof import.meta.url === "string" && // not in the <script> (IIFE) build
    new URL(import.meta.url).hash === "#" + WORKER_MARK
  );
}
