// Times the exportbench program's functions three ways in one JS realm:
// js.FuncOf callbacks under the stock wasm_exec.js (globalThis.Go, already
// loaded) and stock syscall/js; typed exports under buildwasm's loader;
// bare //go:wasmexport calls. Returns ns per call, the median of rounds.
export async function measure(load, stockBytes, ours, rounds) {
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(stockBytes, go.importObject);
  go.run(instance); // main registers the callbacks on globalThis and waits
  const bare = instance.exports;
  const app = await load(ours);
  const typed = app.exports;

  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const bareEcho = (s) => {
    const room = s.length * 3;
    const p = bare.bareAlloc(room);
    const { written } = enc.encodeInto(s, new Uint8Array(bare.mem.buffer, p, room));
    const r = bare.bareEcho(p, written);
    return dec.decode(new Uint8Array(bare.mem.buffer, r, written));
  };
  // The floors: the JS side's conversions alone (Go neither copies nor
  // allocates), and the copy plus Go's loop over the copied floats.
  const floorEcho = (s) => {
    const room = s.length * 3;
    const p = bare.bareAlloc(room);
    const { written } = enc.encodeInto(s, new Uint8Array(bare.mem.buffer, p, room));
    const r = bare.bareEchoView(p, written);
    return dec.decode(new Uint8Array(bare.mem.buffer, r, written));
  };
  const xs = new Float64Array(1 << 20).map((_, i) => (i % 1000) / 7);
  const bareSum = (a) => {
    const p = bare.bareAlloc(a.byteLength);
    new Float64Array(bare.mem.buffer, p, a.length).set(a);
    return bare.bareSum(p, a.length);
  };
  const floorSum = (a) => {
    const p = bare.bareAlloc(a.byteLength);
    new Float64Array(bare.mem.buffer, p, a.length).set(a);
    return bare.bareSumInPlace(p, a.length);
  };
  const copyOnly = (a) => {
    const p = bare.bareAlloc(a.byteLength);
    new Float64Array(bare.mem.buffer, p, a.length).set(a);
  };
  const s16 = "0123456789abcdéf".slice(0, 15); // 16 bytes of UTF-8
  const s16k = s16.repeat(1024);
  const a16k = "0123456789abcdef".repeat(1024); // ASCII only

  const record = { name: "gopher", count: 41, score: 0.5, ok: true, tags: ["a", "bb", "ccc"] };
  const cases = {
    add: { calls: 20000, stock: (i) => globalThis.addFunc(i, 1), typed: (i) => typed.add(i, 1), bare: (i) => bare.bareAdd(i, 1) },
    echo16: { calls: 20000, stock: () => globalThis.echoFunc(s16), typed: () => typed.echo(s16), bare: () => bareEcho(s16) },
    echo16k: { calls: 2000, stock: () => globalThis.echoFunc(s16k), typed: () => typed.echo(s16k), bare: () => bareEcho(s16k), floor: () => floorEcho(s16k) },
    echo16kASCII: { calls: 2000, stock: () => globalThis.echoFunc(a16k), typed: () => typed.echo(a16k), bare: () => bareEcho(a16k), floor: () => floorEcho(a16k) },
    record: { calls: 20000, stock: () => globalThis.touchFunc(record), typed: () => typed.touch(record) },
    sum1M: {
      calls: 10,
      stock: () => globalThis.sumFunc(new Uint8Array(xs.buffer)),
      typed: () => typed.sum(xs),
      bare: () => bareSum(xs),
      floor: () => floorSum(xs),
      copy: () => copyOnly(xs),
      pass: () => typed.len(xs),
    },
  };
  // The results must agree, or the timings compare different work.
  // Go's loop adds in the same order, so the sum is exact.
  const want = {
    add: 3, echo16: s16, echo16k: s16k, echo16kASCII: a16k, sum1M: xs.reduce((a, b) => a + b, 0),
    record: JSON.stringify({ ...record, count: 42 }, Object.keys(record).sort()),
  };
  for (const [name, c] of Object.entries(cases)) {
    for (const way of ["stock", "typed", "bare", "floor"]) {
      if (!c[way]) continue;
      let got = c[way](2);
      if (typeof got === "object") got = JSON.stringify(got, Object.keys(got).sort()); // Go's maps have no order
      if (got !== want[name]) throw new Error(`${name} ${way}: got ${String(got).slice(0, 40)}, want ${String(want[name]).slice(0, 40)}`);
    }
  }
  const out = {};
  for (const [name, c] of Object.entries(cases)) {
    const ways = Object.keys(c).filter((k) => k !== "calls");
    const times = Object.fromEntries(ways.map((w) => [w, []]));
    for (let r = -1; r < rounds; r++) {
      // Alternating the order, so that no variant always runs first.
      for (const way of r % 2 ? ways : [...ways].reverse()) {
        const fn = c[way];
        const start = performance.now();
        for (let i = 0; i < c.calls; i++) fn(i);
        if (r >= 0) times[way].push(((performance.now() - start) * 1e6) / c.calls); // round -1 warms up
      }
    }
    out[name] = Object.fromEntries(ways.map((w) => [w, times[w].sort((a, b) => a - b)[times[w].length >> 1]]));
  }
  // An async export that returns at once, awaited call after call: on the
  // main thread, and in worker mode where there is a Worker (Chromium).
  const inWorker = typeof Worker === "undefined" ? undefined : (await load(ours, { worker: true })).exports;
  if ((await typed.ping()) !== 1 || (inWorker && (await inWorker.ping()) !== 1)) throw new Error("ping: not 1");
  const ways = { main: () => typed.ping(), ...(inWorker && { worker: () => inWorker.ping() }) };
  const times = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
  for (let r = -1; r < rounds; r++) {
    for (const [way, fn] of Object.entries(ways)) {
      const calls = way === "main" ? 5000 : 500;
      const start = performance.now();
      for (let i = 0; i < calls; i++) await fn();
      if (r >= 0) times[way].push(((performance.now() - start) * 1e6) / calls);
    }
  }
  out.ping = Object.fromEntries(Object.keys(ways).map((w) => [w, times[w].sort((a, b) => a - b)[times[w].length >> 1]]));
  return out;
}
