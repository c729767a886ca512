// The npm package's own.ts: worker: true starts dist/worker.js, in
// the one form bundlers (Vite, webpack, Parcel) find and emit as a worker
// chunk, and the main entry never serves as a worker. Nothing here reads
// import.meta.url alone, which webpack would inline as a file: URL of the
// user's machine.

export function startOwnWorker(): { worker: Worker; script: string } {
  if (typeof import.meta.url !== "string") {
    throw new Error("load: worker: true needs the package's ES module (dist/index.js); with the <script> build, pass worker the URL of a same-origin module script that imports @buildwasm/loader's dist/worker.js");
  }
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "buildwasm" });
  return { worker, script: "worker.js of @buildwasm/loader" };
}

export function isOwnWorker(): boolean {
  return false;
}
