// How each Go type of a typed export (//buildwasm:export) crosses: the
// checks that turn a wrong argument into a TypeError or RangeError before
// Go runs, the lowering of arguments into wasm parameters or the scratch
// space, and the reading of results from exportOut. The layouts are the
// ABI of internal/jspatch/added/exports.go. Each codec is chosen once per
// parameter when the export is built, so a call never looks at a type name.

import type { Memory } from "./memory.js";
import { readUTF8, writeUTF8 } from "./utf8.js";
import type { ValueTable } from "./values.js";

/** Typed views of Go's memory, made again only when it has grown. */
export class Views {
  u8: Uint8Array = new Uint8Array(0);
  i8: Int8Array = new Int8Array(0);
  u16: Uint16Array = new Uint16Array(0);
  i16: Int16Array = new Int16Array(0);
  u32: Uint32Array = new Uint32Array(0);
  i32: Int32Array = new Int32Array(0);
  f32: Float32Array = new Float32Array(0);
  f64: Float64Array = new Float64Array(0);
  i64: BigInt64Array = new BigInt64Array(0);
  u64: BigUint64Array = new BigUint64Array(0);
  // The runtime replaces mem.view whenever the memory grows
  // (resetMemoryDataView): comparing it is cheaper than asking the memory
  // for its buffer.
  private of: DataView | undefined;

  constructor(private readonly mem: Memory) {}

  /** Up to date after any call into Go, which may grow the memory. */
  fresh(): this {
    if (this.mem.view !== this.of) this.remake();
    return this;
  }

  /** Lets go of the memory once the program has ended, as Memory does: a typed export the page keeps must not pin it. */
  clear() {
    this.of = undefined;
    this.remake();
  }

  private remake() {
    this.of = this.mem.view;
    const b = this.of?.buffer ?? new ArrayBuffer(0);
    this.u8 = new Uint8Array(b);
    this.i8 = new Int8Array(b);
    this.u16 = new Uint16Array(b);
    this.i16 = new Int16Array(b);
    this.u32 = new Uint32Array(b);
    this.i32 = new Int32Array(b);
    this.f32 = new Float32Array(b);
    this.f64 = new Float64Array(b);
    this.i64 = new BigInt64Array(b);
    this.u64 = new BigUint64Array(b);
  }
}

export type ArrayView = Exclude<keyof Views, "fresh" | "clear">;

/** A parameter's way into Go: a scalar is lowered; the others are put into the scratch space. */
export type Param =
  | { slots: 1; lower: (v: unknown) => unknown }
  | {
      /** Wasm parameters it takes: an address, and for strings and slices a length. */
      slots: 1 | 2;
      /** Checks v; returns the bytes it needs at most, alignment included. */
      size: (v: unknown) => number;
      /** Writes v from `at`, and its wasm parameters at slots[i] on; returns where the next may go. */
      put: (v: unknown, at: number, slots: unknown[], i: number) => number;
      /**
       * For a large slice: writes v into memory Go gives it with alloc
       * (uncleared, which Go then keeps instead of clearing memory of its
       * own and copying), and its wasm parameters at slots[i] on. Strings
       * have none: Go copies them into memory it does not clear, and
       * without the UTF-8 length, the loader could not ask for the room.
       */
      own?: (v: unknown, alloc: (bytes: number) => number, slots: unknown[], i: number) => void;
    };

/**
 * Slices of at least this many bytes go into memory of their own (own)
 * rather than the scratch space: asking Go for it is a call, which costs
 * less than Go clearing and copying that many bytes.
 */
export const OWN_MIN = 4096;

const SAFE = Number.MAX_SAFE_INTEGER;
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64 = [0n, 2n ** 64n - 1n] as const;

// Numbers that cross as one: whether v fits, and the range for the message.
const NUMBERS: Record<string, [(v: unknown) => boolean, string]> = {
  int8: [(v) => ((v as number) << 24) >> 24 === v, "-128 to 127"],
  int16: [(v) => ((v as number) << 16) >> 16 === v, "-32768 to 32767"],
  int32: [(v) => ((v as number) | 0) === v, "-2147483648 to 2147483647"],
  uint8: [(v) => ((v as number) & 0xff) === v, "0 to 255"],
  uint16: [(v) => ((v as number) & 0xffff) === v, "0 to 65535"],
  uint32: [(v) => (v as number) >>> 0 === v, "0 to 4294967295"],
  int: [(v) => Number.isSafeInteger(v), `-(2^53-1) to 2^53-1 (±${SAFE})`],
  uint: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, `0 to 2^53-1 (${SAFE})`],
  uintptr: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, `0 to 2^53-1 (${SAFE})`],
};

// Slices: the typed array, its view of Go's memory, and its element type.
export const SLICES: Record<string, [string, ArrayView, string]> = {
  "[]byte": ["Uint8Array", "u8", "uint8"],
  "[]int8": ["Int8Array", "i8", "int8"],
  "[]int16": ["Int16Array", "i16", "int16"],
  "[]uint16": ["Uint16Array", "u16", "uint16"],
  "[]int32": ["Int32Array", "i32", "int32"],
  "[]uint32": ["Uint32Array", "u32", "uint32"],
  "[]float32": ["Float32Array", "f32", "float32"],
  "[]float64": ["Float64Array", "f64", "float64"],
  "[]int64": ["BigInt64Array", "i64", "int64"],
  "[]uint64": ["BigUint64Array", "u64", "uint64"],
};

export const article = (name: string) => (/^[AEIOaeio]/.test(name) ? `an ${name}` : `a ${name}`);

/** Whether v is a typed array of the class named tag (a Uint8ClampedArray counts as a Uint8Array). */
export const isTypedArray = (tag: string, v: unknown) =>
  ArrayBuffer.isView(v) && ((v as any)[Symbol.toStringTag] === tag || (tag === "Uint8Array" && v instanceof Uint8ClampedArray));

/** The argument as a message shows it. */
export function show(v: unknown): string {
  switch (typeof v) {
    case "string":
      return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v)})`;
    case "bigint":
      return `${v}n`;
    case "object":
      if (v === null) return "null";
      if (Array.isArray(v)) return "an array";
      return article((v as object).constructor?.name ?? "object");
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return String(v);
  }
}

// Throws unless v fits Go's type; `where` names the argument, and k the
// element of an array argument, in the message, which is made only then.
type Check = (v: unknown, where: string, k?: number) => void;

const named = (where: string, k?: number) => (k === undefined ? where : `${where}[${k}]`);

export function checker(type: string): Check {
  if (type === "float32" || type === "float64") {
    return (v, where, k) => {
      if (typeof v !== "number") throw new TypeError(`${named(where, k)} must be a number, got ${show(v)}`);
    };
  }
  if (type === "int64" || type === "uint64") {
    const [min, max] = type === "int64" ? INT64 : UINT64;
    return (v, where, k) => {
      if (typeof v !== "bigint") throw new TypeError(`${named(where, k)} must be a bigint (Go's ${type} crosses as a BigInt only, not as a number), got ${show(v)}`);
      if (v < min || v > max) throw new RangeError(`${named(where, k)} must be from ${min} to ${max}, got ${v}n`);
    };
  }
  const [fits, range] = NUMBERS[type];
  return (v, where, k) => {
    if (fits(v)) return;
    if (typeof v !== "number") throw new TypeError(`${named(where, k)} must be a number, got ${show(v)}`);
    throw new RangeError(`${named(where, k)} must be an integer from ${range}, got ${v}`);
  };
}

/**
 * The codec of a parameter of Go type `type`; `where` names it in
 * messages ("greet: argument name (string)"). Undefined for a type this
 * loader does not know.
 */
export function param(type: string, where: string, views: Views, table: ValueTable): Param | undefined {
  if (type === "bool") {
    return {
      slots: 1,
      lower: (v) => {
        if (typeof v !== "boolean") throw new TypeError(`${where} must be a boolean, got ${show(v)}`);
        return v ? 1 : 0;
      },
    };
  }
  if (type in NUMBERS || type === "float32" || type === "float64" || type === "int64" || type === "uint64") {
    const check = checker(type);
    return { slots: 1, lower: (v) => (check(v, where), v) };
  }
  if (type === "string") return stringParam(where, views);
  if (type in SLICES) return sliceParam(SLICES[type], where, views);
  if (type === "js.Value") {
    return {
      slots: 1,
      size: () => 15,
      put: (v, at, slots, i) => {
        at = (at + 7) & ~7;
        table.store(at, v);
        slots[i] = at;
        return at + 8;
      },
    };
  }
  return undefined;
}

function stringParam(where: string, views: Views): Param {
  return {
    slots: 2,
    size: (v) => {
      if (typeof v !== "string") throw new TypeError(`${where} must be a string, got ${show(v)}`);
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      return 3 * v.length;
    },
    put: (v, at, slots, i) => {
      const n = writeUTF8(views.u8, at, v as string);
      slots[i] = at;
      slots[i + 1] = n;
      return at + n;
    },
  };
}

function sliceParam([tag, view, elem]: [string, ArrayView, string], where: string, views: Views): Param {
  const check = checker(elem);
  const size = views[view].BYTES_PER_ELEMENT;
  const bigints = elem === "int64" || elem === "uint64";
  return {
    slots: 2,
    size: (v) => {
      if (v == null) return 0;
      if (isTypedArray(tag, v)) return (v as ArrayLike<unknown>).length * size + size - 1;
      if (!Array.isArray(v)) throw new TypeError(`${where} must be ${article(tag)}, an array of ${bigints ? "bigints" : "numbers"}, or null, got ${show(v)}`);
      // Each element must fit, as an argument of the element's type would:
      // set() would convert or wrap it silently.
      for (let k = 0; k < v.length; k++) check(v[k], where, k);
      return v.length * size + size - 1;
    },
    put: (v, at, slots, i) => {
      if (v == null) {
        slots[i] = 0;
        slots[i + 1] = -1;
        return at;
      }
      at = (at + size - 1) & -size;
      const a = v as ArrayLike<number> & ArrayLike<bigint>;
      (views[view] as any).set(a, at / size);
      slots[i] = at;
      slots[i + 1] = a.length;
      return at + a.length * size;
    },
    own: (v, alloc, slots, i) => {
      const a = v as ArrayLike<number> & ArrayLike<bigint>;
      const at = alloc(a.length * size);
      (views.fresh()[view] as any).set(a, at / size);
      slots[i] = at;
      slots[i + 1] = a.length;
    },
  };
}

/** Reads a result from exportOut's words w and w+1 (indices of 64-bit words). */
export type Result = (w: number) => unknown;

/** The reader of a result of Go type `type`; undefined for a type this loader does not know. */
export function result(type: string, views: Views, table: ValueTable): Result | undefined {
  if (type === "") return () => undefined;
  if (type === "bool") return (w) => (views.i32[2 * w] | views.i32[2 * w + 1]) !== 0;
  if (type in NUMBERS || type === "float32" || type === "float64") return (w) => views.f64[w];
  if (type === "int64") return (w) => views.i64[w];
  if (type === "uint64") return (w) => views.u64[w];
  if (type === "js.Value") return (w) => table.load(8 * w);
  if (type === "string") return (w) => readUTF8(views.u8, views.u32[2 * w], views.u32[2 * w + 2]);
  if (type in SLICES) {
    const view = SLICES[type][1];
    return (w) => {
      // A length of -1 (all ones) is a nil slice.
      if (views.i32[2 * w + 3] === -1) return null;
      const a = views[view];
      const at = views.u32[2 * w] / a.BYTES_PER_ELEMENT;
      return a.slice(at, at + views.u32[2 * w + 2]);
    };
  }
  return undefined;
}
