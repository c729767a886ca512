// buildwasm-loader:boot.ts
function goFrames(err) {
  const frames = (err.goStack ?? err.cause?.goStack) || [];
  return frames.map((f) => `
    at ${f.func} (${f.file}:${f.line})`).join("");
}
function showError(err) {
  const box = document.createElement("pre");
  box.className = "buildwasm-error";
  box.setAttribute("role", "alert");
  box.textContent = `${err.name}: ${err.message}${goFrames(err)}`;
  document.body.append(box);
}
var overlay;
function showOverlay(err) {
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
      overlay = void 0;
      removeEventListener("keydown", onKey);
    };
    const onKey = (e) => e.key === "Escape" && dismiss();
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
  const uncaught = (err) => {
    if (err instanceof Error && err.name === "GoPanicError") showOverlay(err);
  };
  addEventListener("error", (e) => uncaught(e.error));
  addEventListener("unhandledrejection", (e) => uncaught(e.reason));
}
async function fail(err) {
  await parsed;
  if (document.dispatchEvent(new CustomEvent("buildwasm:error", { detail: err, cancelable: true }))) showError(err);
}
var parsed = new Promise((resolve) => {
  if (document.readyState !== "loading") resolve();
  else document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
});
async function boot(script2) {
  const settings = script2.dataset;
  const url = (name) => new URL(name, document.baseURI);
  const wasm = url(settings.buildwasmWasm);
  const worker = settings.buildwasmWorker;
  const dev = settings.buildwasmDev !== void 0;
  if (dev) watchPanics();
  const integrity = settings.buildwasmIntegrity;
  const init = integrity ? { integrity } : void 0;
  const response = worker === void 0 ? fetch(wasm, init).catch((err) => {
    throw new Error(`fetching ${wasm} failed (${err.message}): the network, CORS or the integrity check refused it`);
  }) : void 0;
  response?.catch(() => {
  });
  await parsed;
  const bar = document.createElement("progress");
  bar.className = "buildwasm-progress";
  bar.setAttribute("aria-label", "Loading");
  const size = Number(settings.buildwasmSize) || void 0;
  if (size) [bar.value, bar.max] = [0, size];
  document.body.append(bar);
  try {
    const { load } = await import(url(settings.buildwasmLoader ?? "loader.js").href);
    let latest = [0, 0];
    let timer;
    const draw = () => {
      timer = void 0;
      [bar.value, bar.max] = latest;
    };
    const options = {
      size,
      onProgress: (loaded, total) => {
        if (!total) return;
        latest = [loaded, total];
        if (loaded >= total) {
          clearTimeout(timer);
          draw();
        } else timer ??= setTimeout(draw, 200);
      }
    };
    const app = response ? await load(await response, options) : await load(wasm, { ...options, fetch: init, worker: worker ? url(worker) : true });
    bar.remove();
    script2.app = app;
    document.dispatchEvent(new CustomEvent("buildwasm:ready", { detail: app }));
    app.exited.then(({ error }) => error && (dev ? showOverlay(error) : showError(error)));
  } catch (err) {
    bar.remove();
    fail(err);
  }
}
var script = document.querySelector("script[data-buildwasm-wasm]");
if (script) boot(script);
else fail(new Error("boot.js found no <script data-buildwasm-wasm> telling it which program to load"));
