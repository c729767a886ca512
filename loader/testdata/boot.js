// buildwasm-loader:boot.ts
import { load } from "./loader.js";
function showError(err) {
  const box = document.createElement("pre");
  box.className = "buildwasm-error";
  box.setAttribute("role", "alert");
  box.textContent = `${err.name}: ${err.message}`;
  document.body.append(box);
}
var script = document.querySelector("script[data-buildwasm-wasm]");
if (!script) {
  showError(new Error("boot.js found no <script data-buildwasm-wasm> telling it which program to load"));
} else {
  const wasm = new URL(script.dataset.buildwasmWasm, document.baseURI);
  load(wasm).then(
    (app) => {
      document.dispatchEvent(new CustomEvent("buildwasm:ready", { detail: app }));
      app.exited.then(({ error }) => error && showError(error));
    },
    (err) => {
      if (document.dispatchEvent(new CustomEvent("buildwasm:error", { detail: err, cancelable: true }))) showError(err);
    }
  );
}
