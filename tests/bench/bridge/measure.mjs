// Times syscall/js operations under the stock wasm_exec.js with stock
// syscall/js, and under buildwasm's loader with its patched syscall/js: the
// same program, in one JS realm, rounds alternating. Returns ns per
// operation, the median of rounds, by operation and variant; only (a
// regular expression) picks the operations, all when empty.
export async function measure(load, stockBytes, ours, rounds, only) {
  globalThis.bench = {
    obj: { x: 1, f: () => 1, g: (a, b, c) => a + b + c, s: "" },
    str: "hello, world",
    str12k: "0123456789ab".repeat(1024),
    u8: new Uint8Array(1 << 20),
    arr: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    flag: true,
  };
  const go = new Go();
  go.argv = ["js", "stock"];
  const { instance } = await WebAssembly.instantiate(stockBytes, go.importObject);
  go.run(instance);
  const app = await load(ours, { args: ["ours"] });
  const run = { stock: instance.exports.op, buildwasm: app.exports.op };
  const funcs = {
    stock: [globalThis.stockFunc0, globalThis.stockFunc3],
    buildwasm: [globalThis.oursFunc0, globalThis.oursFunc3],
  };

  // [name, op number in the program (or a js.Func call), operations per
  // round]. A page's clock has a 100 µs grain in Chromium: every round of
  // buildwasm's takes 5 ms or more, so the grain is under 2% of it.
  const ops = [
    ["Value.Get", 0, 50000],
    ["Value.Call, no arguments", 1, 20000],
    ["Value.Call, 3 arguments", 2, 20000],
    ["js.ValueOf(short string)", 3, 20000],
    ["Value.String, short", 4, 30000],
    ["Value.String, 12 KB", 5, 500],
    ["CopyBytesToGo, 1 MiB", 6, 300],
    ["CopyBytesToJS, 1 MiB", 7, 300],
    ["FuncOf + Release", 8, 5000],
    ["Value.Index", 9, 50000],
    ["Value.Length", 10, 200000],
    ["Value.Bool", 11, 1000000],
    ["Value.Set(short string)", 12, 15000],
    ["js.Func called from JS, no arguments", "func0", 5000],
    ["js.Func called from JS, 3 arguments", "func3", 5000],
  ];
  const out = {};
  for (const [name, op, n] of ops.filter(([name]) => new RegExp(only ?? "").test(name))) {
    const times = { stock: [], buildwasm: [] };
    for (let r = -1; r < rounds; r++) {
      for (const v of r % 2 ? ["stock", "buildwasm"] : ["buildwasm", "stock"]) {
        const start = performance.now();
        if (op === "func0") for (let i = 0; i < n; i++) funcs[v][0]();
        else if (op === "func3") for (let i = 0; i < n; i++) funcs[v][1](i, 1, 2);
        else run[v](op, n);
        if (r >= 0) times[v].push(((performance.now() - start) * 1e6) / n); // round -1 warms up
      }
    }
    const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    out[name] = { stock: median(times.stock), buildwasm: median(times.buildwasm) };
  }
  return out;
}
