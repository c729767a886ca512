// The page's own script: it calls the program's typed exports, which
// take and return plain JavaScript values (strings, numbers, typed arrays,
// objects for Go structs), throw a GoError for a Go error, and return a
// Promise when the Go function takes a context.

const $ = (id) => document.getElementById(id);

function ready() {
  const boot = document.querySelector("script[data-buildwasm-wasm]");
  if (boot?.app) return Promise.resolve(boot.app);
  return new Promise((resolve) => document.addEventListener("buildwasm:ready", (e) => resolve(e.detail), { once: true }));
}

const show = (text) => ($("out").textContent = text);

function run(fn) {
  try {
    show(fn());
  } catch (err) {
    show(`${err.name}: ${err.message}`);
  }
}

const numbers = () => $("numbers").value.split(/[\s,]+/).filter(Boolean).map(Number);

ready().then((app) => {
  const go = app.exports;
  let waiting;
  $("greet").onclick = () => run(() => go.greet($("name").value));
  $("mean").onclick = () =>
    run(() => String(go.mean(new Float64Array(numbers()))));
  $("describe").onclick = () =>
    run(() => {
      const s = go.describe(numbers());
      return `${s.count} numbers from ${s.min} to ${s.max}, mean ${s.mean}, median ${s.median}`;
    });
  $("wait").onclick = async () => {
    waiting?.abort();
    waiting = new AbortController();
    show("waiting…");
    try {
      show(await go.countdown(Number($("ms").value), { signal: waiting.signal }));
    } catch (err) {
      show(`${err.name}: ${err.message}`);
    }
  };
  $("cancel").onclick = () => waiting?.abort(new Error("cancelled"));
  $("primes").onclick = () =>
    run(() => {
      const primes = go.primes(Number($("below").value));
      return `${primes.length} primes, the last ${primes.at(-1) ?? "none"}`;
    });
  for (const b of document.querySelectorAll("button")) b.disabled = false;
});

for (const b of document.querySelectorAll("button")) b.disabled = true;
