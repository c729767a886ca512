// Calls every typed export of testdata/typedexports, with a given load()
// and wasm URL or path; used by the Node script and, served, in Chromium.
// Values come back as strings (show), since JSON has no bigint, NaN, -0 or
// typed arrays; errors as their fields.
export async function run(load, wasm) {
  const show = (v) => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
    if (typeof v === "string") return JSON.stringify(v);
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v, show).join(",")}]`;
    if (typeof v === "object" && v !== null) {
      return JSON.stringify(v, (k, x) => (typeof x === "bigint" || ArrayBuffer.isView(x) ? show(x) : x));
    }
    return String(v);
  };
  const describe = (e) =>
    e instanceof Error
      ? { name: e.name, message: e.message, stack: e.stack, goType: e.goType, goStack: e.goStack, code: e.code, cause: describe(e.cause) }
      : e === undefined ? undefined : { name: "not an Error", message: show(e) };
  const attempt = (fn) => {
    try {
      return { value: show(fn()) };
    } catch (e) {
      return { thrown: describe(e) };
    }
  };
  const out = {};
  const app = await load(wasm, { stderr: () => {} });
  const x = app.exports;
  out.names = Object.keys(x).sort();
  const calls = {
    flipTrue: () => x.flip(true),
    flipNumber: () => x.flip(1),
    i8Min: () => x.i8(-128),
    i8Max: () => x.i8(127),
    i8Over: () => x.i8(128),
    i16Min: () => x.i16(-32768),
    i16Over: () => x.i16(32768),
    i32Min: () => x.i32(-2147483648),
    i32Max: () => x.i32(2147483647),
    i32Over: () => x.i32(2147483648),
    i32Fraction: () => x.i32(0.5),
    i32String: () => x.i32("1"),
    i32Missing: () => x.i32(),
    u8Max: () => x.u8(255),
    u8Negative: () => x.u8(-1),
    u16Max: () => x.u16(65535),
    u32Max: () => x.u32(4294967295),
    u32Over: () => x.u32(4294967296),
    intZero: () => x.int(0),
    intNegZero: () => x.int(-0),
    intMax: () => x.int(2 ** 53 - 1),
    intMin: () => x.int(-(2 ** 53 - 1)),
    int2p53: () => x.int(2 ** 53),
    intNaN: () => x.int(NaN),
    intBigint: () => x.int(1n),
    uintMax: () => x.uint(2 ** 53 - 1),
    uintNegative: () => x.uint(-1),
    uintptr: () => x.uintptr(4096),
    i64Min: () => x.i64(-(2n ** 63n)),
    i64Max: () => x.i64(2n ** 63n - 1n),
    i64Over: () => x.i64(2n ** 63n),
    i64Number: () => x.i64(5),
    u64Max: () => x.u64(2n ** 64n - 1n),
    u64Negative: () => x.u64(-1n),
    f32: () => x.f32(1.1),
    f32NaN: () => x.f32(NaN),
    f32Inf: () => x.f32(-Infinity),
    f64NaN: () => x.f64(NaN),
    f64Inf: () => x.f64(Infinity),
    f64NegZero: () => x.f64(-0),
    f64Tiny: () => x.f64(5e-324),
    f64String: () => x.f64("1"),
    shifted: () => x.shifted(1, 52),
    shiftedPast: () => x.shifted(1, 53),
    shiftedNegative: () => x.shifted(-1, 53),
    shiftedU: () => x.shiftedU(1, 60),
    str: () => x.str("wörld ✓ 🙂"),
    strEmpty: () => x.str(""),
    strLong: () => x.str("é".repeat(10000)) === "é".repeat(10000),
    strLongASCII: () => x.str("abc".repeat(10000)) === "abc".repeat(10000),
    // Long enough to go into memory of its own, but not ASCII past its start.
    strLongMixed: () => x.str("a".repeat(5000) + "é\ud800") === "a".repeat(5000) + "é\ufffd",
    sizeLongMixed: () => x.size("a".repeat(5000) + "é\ud800"),
    kept: () => {
      // Large arguments, some of each size around where the loader stops
      // using the scratch space, and enough bytes to make Go collect
      // garbage between the calls.
      const want = [];
      for (let i = 0; i < 40; i++) {
        const n = [10, 4095, 4096, 100000][i % 4] + i;
        const c = String.fromCharCode(65 + (i % 26));
        const b = new Uint8Array(i % 2 ? 1 << 20 : n).fill(i);
        const f = i % 3 ? new Float64Array(n).fill(i + 0.5) : Array(n).fill(i + 0.5);
        x.keep(c.repeat(n), b, f);
        want.push(`${c}${n}:${i}-${i}/${b.length}:${i + 0.5}-${i + 0.5}/${n}`);
      }
      const got = x.kept();
      return got === want.join(" ") || got;
    },
    strLoneSurrogate: () => x.str("a\ud800b\udc00"),
    sizeLoneSurrogate: () => x.size("a\ud800"),
    sizeUTF8: () => x.size("wörld"),
    strNumber: () => x.str(1),
    invalid: () => x.invalid(),
    bytes: () => x.bytes(new Uint8Array([0, 1, 255])),
    bytesArray: () => x.bytes([1, 2, 3]),
    bytesArrayOver: () => x.bytes([1, 256]),
    bytesNull: () => x.bytes(null),
    bytesUndefined: () => x.bytes(undefined),
    bytesEmpty: () => x.bytes(new Uint8Array(0)),
    bytesEmptyArray: () => x.bytes([]),
    bytesWrongArray: () => x.bytes(new Int8Array(2)),
    bytesString: () => x.bytes("abc"),
    isNilNull: () => x.isNil(null),
    isNilEmpty: () => x.isNil(new Uint8Array(0)),
    isNilEmptyArray: () => x.isNil([]),
    bytesCopied: () => {
      const a = new Uint8Array([7]);
      const b = x.bytes(a);
      b[0] = 8;
      return a[0] === 7 && b.buffer !== app.instance.exports.mem.buffer;
    },
    i8s: () => x.i8s(new Int8Array([-128, 127])),
    i16s: () => x.i16s([-32768, 32767]),
    i32s: () => x.i32s(new Int32Array([-2147483648, 2147483647])),
    i64s: () => x.i64s([-(2n ** 63n), 2n ** 63n - 1n]),
    i64sNumbers: () => x.i64s([1, 2]),
    u16s: () => x.u16s(new Uint16Array([65535])),
    u32s: () => x.u32s([4294967295]),
    u64s: () => x.u64s(new BigUint64Array([2n ** 64n - 1n])),
    f32s: () => x.f32s(new Float32Array([1.5, NaN, -Infinity])),
    f64s: () => x.f64s([0.1, NaN, Infinity, -0]),
    f64sNull: () => x.f64s(null),
    f64sEmpty: () => x.f64s(new Float64Array(0)),
    f64sBig: () => x.f64s(new Float64Array(100000).fill(0.5)).reduce((a, b) => a + b, 0),
    mixed: () => x.mixed("s", [1, 2], 3n, new Float64Array([0.5]), { k: "v" }, true),
    valueSame: () => {
      const o = {};
      return x.value(o) === o;
    },
    valueUndefined: () => x.value(undefined),
    valueNull: () => x.value(null),
    valueNumber: () => x.value(7),
    typeOf: () => x.typeOf(() => {}),
    around: () => x.around("outer", () => x.around("inner", () => x.str("innermost"))),
    divide: () => x.divide(7, 2),
    divideByZero: () => x.divide(7, 0),
    rethrow: () => {
      const thrown = new RangeError("from JS");
      try {
        x.rethrow(thrown);
      } catch (e) {
        return e === thrown;
      }
      return "no throw";
    },
    rethrowString: () => x.rethrow("a string"),
    panic: () => x.panic(5),
    afterPanic: () => x.add(1, 2),
    wait: () => x.wait(),
    plain: () => x.plain(21),
    // Composite types.
    round: () =>
      x.round({
        id: 7, label: "outer", name: "n", tags: ["a", "b"], scores: { z: [1, 2], a: [] }, origin: { x: 1.5, y: -2 },
        grid: [[1, -2], [3, 4]], extra: { k: [1, "two", true, null, { deep: 3.5 }] }, temp: 21.5, raw: new Float64Array([0.5, 2]),
        big: 2n ** 64n - 1n, ok: true, Skip: "ignored", Plain: -8, unknown: "ignored",
      }),
    roundEmpty: () => x.round({}),
    roundOmitted: () => x.round({ tags: [], origin: null, big: 0n, ok: false, raw: [1, 2] }),
    describeMissing: () => x.describe({ name: "only", Skip: "no", hidden: 5 }),
    points: () => x.points([{ x: 1, y: 2 }, { y: 3 }]),
    pointsNull: () => x.points(null),
    pointsEmpty: () => x.points([]),
    pointsBadField: () => x.points([{ x: 1, y: 2 }, { x: 1, y: 2 }, { x: 1, y: 2 }, { x: "1", y: 2 }]),
    pointsNotArray: () => x.points({ x: 1 }),
    pointsNotObject: () => x.points([3]),
    index: () => x.index({ b: ["1"], a: [], c: null, "with space": ["x"], __proto__x: ["p"] }),
    indexProto: () => Object.keys(x.index(JSON.parse('{"__proto__": ["p"]}'))),
    indexBadValue: () => x.index({ ok: ["1"], "with space": [1] }),
    maybe: () => x.maybe({ x: 3, y: 4 }),
    maybeNull: () => x.maybe(null),
    maybeUndefined: () => x.maybe(undefined),
    anything: () => x.anything({ a: [1, "s", false, null, { b: 2 }], n: -0.5 }),
    anythingNumber: () => x.anything(3),
    anythingBigint: () => x.anything({ v: [1n] }),
    anythingCycle: () => {
      const o = {};
      o.self = o;
      return x.anything(o);
    },
    nested: () => x.nested([[{ a: { x: 1, y: 2 }, b: null }], [], null]),
    triple: () => x.triple([1, 2, 3]),
    tripleShort: () => x.triple([1, 2]),
    tripleNotInt: () => x.triple([1, 2, 3.5]),
    chan: () => x.chan(),
    huge: () => x.huge(),
    nils: () => x.nils(false),
    empties: () => x.nils(true),
    nilArgs: () => x.nilArgs(null, null, null),
    nilArgsEmpty: () => x.nilArgs([], {}, { x: 0, y: 0 }),
    stats: () => x.stats("s", new Float64Array([1, 2]), { x: 5, y: 6 }, { w: 2 }, 3),
    statsError: () => x.stats("s", [], { x: 0, y: 0 }, null, -1),
    statsBadPoint: () => x.stats("s", [], { x: 0, y: null }, null, 1),
    statsBadPointType: () => x.stats("s", [], 5, null, 1),
  };
  out.cases = {};
  for (const [name, fn] of Object.entries(calls)) out.cases[name] = attempt(fn);

  // Async exports: a Promise each, settled once Go's goroutine returns.
  const settle = async (p) => {
    try {
      return { value: show(await p) };
    } catch (e) {
      return { thrown: describe(e) };
    }
  };
  const stop = new Error("stopped by the caller");
  const abortLater = async () => {
    const ac = new AbortController();
    const p = x.later(60000, "never", { signal: ac.signal });
    setTimeout(() => ac.abort(stop), 5);
    try {
      await p;
      return "resolved";
    } catch (e) {
      await new Promise((r) => setTimeout(r, 20)); // Go hears of it too
      return e === stop && x.cancelled() === 1;
    }
  };
  const asyncCalls = {
    now: () => x.now(),
    later: () => x.later(20, "v"),
    inFlight: async () => {
      const ms = Array.from({ length: 40 }, (_, i) => (i * 7) % 30);
      const got = await Promise.all(ms.map((m, i) => x.later(m, `v${i}`)));
      return got.every((v, i) => v === `v${i}`);
    },
    abortLater,
    abortedBefore: () => x.later(1, "a", { signal: AbortSignal.abort(stop) }).catch((e) => e === stop && x.cancelled() === 1),
    badOptions: () => x.later(1, "a", 5),
    badArgument: () => x.later("a", "v"),
    asyncPanic: () => x.asyncPanic(),
    afterAsyncPanic: () => x.now(),
    asyncError: () => x.asyncError(),
    asyncPoint: () => x.asyncPoint({ x: 1, y: 2 }, [3, 4]),
  };
  out.async = {};
  for (const [name, fn] of Object.entries(asyncCalls)) out.async[name] = await settle(fn());
  const forever = settle(x.forever()); // handled now: it rejects when the program ends

  // A wait for JS ends the program; nothing may run Go again.
  out.sleep = attempt(() => x.sleep());
  const status = await app.exited;
  out.exit = { code: status.code, error: describe(status.error) };
  await new Promise((r) => setTimeout(r, 150)); // Go's timer would have fired
  out.later = attempt(() => x.add(1, 2));
  out.laterPlain = attempt(() => x.plain(1));
  out.forever = await forever;
  out.afterExit = await settle(x.now());
  return out;
}
