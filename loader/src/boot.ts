// The page side of a buildwasm dist: index.html loads this module, which
// reads its settings from the page (never from this file, so it stays the
// same bytes for every program) and loads the program with the loader next
// to it. Pages with their own script can listen for the events instead.
//
//   <script type="module" src="boot.js" data-buildwasm-wasm="app.wasm"></script>
//
// Events on document: "buildwasm:ready" (detail: the App) and
// "buildwasm:error" (detail: the Error).

import { load } from "./loader.js";

function showError(err: Error) {
  const box = document.createElement("pre");
  box.className = "buildwasm-error";
  box.setAttribute("role", "alert");
  box.textContent = `${err.name}: ${err.message}`;
  document.body.append(box);
}

const script = document.querySelector<HTMLScriptElement>("script[data-buildwasm-wasm]");
if (!script) {
  showError(new Error("boot.js found no <script data-buildwasm-wasm> telling it which program to load"));
} else {
  const wasm = new URL(script.dataset.buildwasmWasm!, document.baseURI);
  load(wasm).then(
    (app) => {
      document.dispatchEvent(new CustomEvent("buildwasm:ready", { detail: app }));
      app.exited.then(({ error }) => error && showError(error));
    },
    (err: Error) => {
      if (document.dispatchEvent(new CustomEvent("buildwasm:error", { detail: err, cancelable: true }))) showError(err);
    },
  );
}
