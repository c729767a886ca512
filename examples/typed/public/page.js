// The page's own script: it calls the program's typed exports, which
// take and return plain JavaScript values (strings, numbers, typed arrays)
// and throw a GoError for a Go error.

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

ready().then((app) => {
  const go = app.exports;
  $("greet").onclick = () => run(() => go.greet($("name").value));
  $("mean").onclick = () =>
    run(() => String(go.mean(new Float64Array($("numbers").value.split(/[\s,]+/).filter(Boolean).map(Number)))));
  $("primes").onclick = () =>
    run(() => {
      const primes = go.primes(Number($("below").value));
      return `${primes.length} primes, the last ${primes.at(-1) ?? "none"}`;
    });
  for (const b of document.querySelectorAll("button")) b.disabled = false;
});

for (const b of document.querySelectorAll("button")) b.disabled = true;
