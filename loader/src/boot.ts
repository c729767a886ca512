// The page side of a buildwasm dist: index.html loads this module, which
// reads its settings from the page (never from this file, so it stays the
// same bytes for every program), shows a download bar, and loads the
// program with the loader the page names. Pages with their own script can
// listen for the events instead of the error box.
//
//   <script type="module" src="boot.js" data-buildwasm-wasm="app.wasm"
//     data-buildwasm-loader="loader.js" data-buildwasm-size="1234567"
//     data-buildwasm-integrity="sha384-..."></script>
//
// data-buildwasm-size is the program's decoded size (progress under
// Content-Encoding), data-buildwasm-integrity its optional SRI value, and
// data-buildwasm-worker (empty, or a same-origin stub's URL) runs the
// program in a Web Worker.
// Events on document: "buildwasm:ready" (detail: the App) and
// "buildwasm:error" (detail: the Error). The running App is also the
// script element's `app`, to reach from DevTools:
//   document.querySelector("script[data-buildwasm-wasm]").app.exports

import type * as Loader from "./index.js";
import type { LoadOptions as LoaderOptions } from "./index.js";

// The Go frames of a panic, or of the panic a GoExitedError was caused by,
// as "    at func (file:line)" lines: where to look.
function goFrames(err: Error): string {
  const frames = ((err as Loader.GoPanicError).goStack ?? (err.cause as Loader.GoPanicError | undefined)?.goStack) || [];
  return frames.map((f) => `\n    at ${f.func} (${f.file}:${f.line})`).join("");
}

function showError(err: Error) {
  const box = document.createElement("pre");
  box.className = "buildwasm-error";
  box.setAttribute("role", "alert");
  box.textContent = `${err.name}: ${err.message}${goFrames(err)}`;
  document.body.append(box);
}

// Dev builds show runtime panics on the page, in an overlay over the app:
// a callback's GoPanicError that no JavaScript code caught, or the error
// that ended the program. Dismissed with its button or Escape.
let overlay: HTMLElement | undefined;
function showOverlay(err: Error) {
  if (!overlay) {
    const box = document.createElement("div");
    box.className = "buildwasm-overlay";
    box.setAttribute("role", "alert");
    const close = document.createElement("button");
    close.className = "buildwasm-overlay-close";
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    const dismiss = () => {
      box.remove();
      overlay = undefined;
      removeEventListener("keydown", onKey);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && dismiss();
    close.addEventListener("click", dismiss);
    addEventListener("keydown", onKey);
    box.append(close);
    document.body.append(box);
    overlay = box;
  }
  const entry = document.createElement("pre");
  entry.className = "buildwasm-error";
  entry.textContent = `${err.name}: ${err.message}${goFrames(err)}`;
  overlay.append(entry);
}

function watchPanics() {
  const uncaught = (err: unknown) => {
    if (err instanceof Error && err.name === "GoPanicError") showOverlay(err);
  };
  addEventListener("error", (e) => uncaught(e.error));
  addEventListener("unhandledrejection", (e) => uncaught(e.reason));
}

async function fail(err: Error) {
  await parsed;
  if (document.dispatchEvent(new CustomEvent("buildwasm:error", { detail: err, cancelable: true }))) showError(err);
}

// The page may still be parsing (boot.js is async), so work on the page
// waits for its body.
const parsed = new Promise<void>((resolve) => {
  if (document.readyState !== "loading") resolve();
  else document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
});

async function boot(script: HTMLScriptElement) {
  const settings = script.dataset;
  const url = (name: string) => new URL(name, document.baseURI);
  const wasm = url(settings.buildwasmWasm!);
  // In worker mode the worker fetches the program. Otherwise the download
  // starts first, beside the loader's: a <link rel=preload> would start it
  // sooner, but Chromium then skips its wasm code cache on later visits.
  // (buildwasm build -preload makes that trade; this fetch then takes the
  // preloaded response.)
  const worker = settings.buildwasmWorker;
  const dev = settings.buildwasmDev !== undefined;
  if (dev) watchPanics();
  const integrity = settings.buildwasmIntegrity;
  const init = integrity ? { integrity } : undefined;
  const response =
    worker === undefined
      ? fetch(wasm, init).catch((err: Error) => {
          throw new Error(`fetching ${wasm} failed (${err.message}): the network, CORS or the integrity check refused it`);
        })
      : undefined;
  response?.catch(() => {}); // handled below, once the loader is here
  await parsed;
  const bar = document.createElement("progress");
  bar.className = "buildwasm-progress";
  bar.setAttribute("aria-label", "Loading");
  const size = Number(settings.buildwasmSize) || undefined;
  // Determinate from the start: an indeterminate bar animates, and every
  // frame drawn during the download costs download time on a busy machine.
  if (size) [bar.value, bar.max] = [0, size];
  document.body.append(bar);
  try {
    // The page preloads the loader (modulepreload, with SRI), so this import
    // reuses that download. Its name is content-hashed, hence not static.
    const { load }: typeof Loader = await import(url(settings.buildwasmLoader ?? "loader.js").href);
    // For the same reason the bar moves at most five times a second, and
    // at once when the download ends, so that Go's init starts on a full
    // bar.
    let latest: [number, number] = [0, 0];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      timer = undefined;
      [bar.value, bar.max] = latest;
    };
    const options: LoaderOptions = {
      size,
      onProgress: (loaded, total) => {
        if (!total) return;
        latest = [loaded, total];
        if (loaded >= total) {
          clearTimeout(timer);
          draw();
        } else timer ??= setTimeout(draw, 200);
      },
    };
    // worker="" runs the loader itself as the worker; a value names the
    // same-origin stub that imports it from another origin (-base).
    const app = response
      ? await load(await response, options)
      : await load(wasm, { ...options, fetch: init, worker: worker ? url(worker) : true });
    bar.remove();
    (script as HTMLScriptElement & { app?: unknown }).app = app;
    document.dispatchEvent(new CustomEvent("buildwasm:ready", { detail: app }));
    app.exited.then(({ error }) => error && (dev ? showOverlay(error) : showError(error)));
  } catch (err) {
    bar.remove();
    fail(err as Error);
  }
}

const script = document.querySelector<HTMLScriptElement>("script[data-buildwasm-wasm]");
if (script) boot(script);
else fail(new Error("boot.js found no <script data-buildwasm-wasm> telling it which program to load"));
