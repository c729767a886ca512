// Composite values of typed exports (slices, arrays, maps, pointers,
// structs, any): written into bytes for the generated Go wrappers to
// decode, and read out of the bytes Go writes for a result. The format is
// that of internal/jspatch/added/wire.go; the value checks and their
// messages are those of codecs.ts, with the path inside the argument
// ("stats: argument xs[3].name").

import { article, checker, isTypedArray, show, SLICES, type Views } from "./codecs.js";
import type { StructField } from "./contract.js";
import { readUTF8, writeUTF8 } from "./utf8.js";

/** The bytes of a call's composite arguments, before they are copied into Go's memory. */
export class Out {
  u8 = new Uint8Array(1024);
  dv = new DataView(this.u8.buffer);
  n = 0;

  /** Makes room for k more bytes. */
  room(k: number) {
    if (this.n + k <= this.u8.length) return;
    const u8 = new Uint8Array(Math.max(2 * this.u8.length, this.n + k));
    u8.set(this.u8.subarray(0, this.n));
    this.u8 = u8;
    this.dv = new DataView(u8.buffer);
  }

  byte(b: number) {
    this.room(1);
    this.u8[this.n++] = b;
  }

  float(f: number) {
    this.room(8);
    this.dv.setFloat64(this.n, f, true);
    this.n += 8;
  }

  bigint(v: bigint, signed: boolean) {
    this.room(8);
    if (signed) this.dv.setBigInt64(this.n, v, true);
    else this.dv.setBigUint64(this.n, v, true);
    this.n += 8;
  }

  len(n: number) {
    this.room(4);
    this.dv.setInt32(this.n, n, true);
    this.n += 4;
  }

  string(s: string) {
    this.room(4 + 3 * s.length);
    const n = writeUTF8(this.u8, this.n + 4, s);
    this.dv.setUint32(this.n, n, true);
    this.n += 4 + n;
  }
}

/** Reads the bytes of a result in Go's memory. */
export class In {
  dv: DataView;
  constructor(
    readonly u8: Uint8Array,
    public p: number,
  ) {
    this.dv = new DataView(u8.buffer);
  }

  byte(): number {
    return this.u8[this.p++];
  }

  float(): number {
    const f = this.dv.getFloat64(this.p, true);
    this.p += 8;
    return f;
  }

  len(): number {
    const n = this.dv.getInt32(this.p, true);
    this.p += 4;
    return n;
  }

  string(): string {
    const n = this.dv.getUint32(this.p, true);
    const s = readUTF8(this.u8, this.p + 4, n);
    this.p += 4 + n;
    return s;
  }
}

/** How one composite type (or a type inside one) crosses. */
export interface Codec {
  /** Checks v and writes it; `where` names the argument, path the place inside it. */
  write(v: unknown, out: Out, where: string, path: string): void;
  /** Writes the Go zero value: for a struct field the object lacks. */
  zero(out: Out): void;
  /** Reads a value; path names it inside the result, for messages. */
  read(inp: In, path: string): unknown;
}

const fail = (where: string, path: string, what: string, v: unknown): never => {
  throw new TypeError(`${where}${path} must be ${what}, got ${show(v)}`);
};

/** Sets obj[key], also for a key such as __proto__, which plain assignment would take as the prototype. */
function put(obj: Record<string, unknown>, key: string, v: unknown) {
  if (key === "__proto__") Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

// How deep an any may nest: deeper is taken for a cycle.
const ANY_DEPTH = 1000;

/** Thrown while reading a result: the loader adds which export returned it. */
export class UnsafeResult extends RangeError {}

/**
 * The codecs of the composite types of one package's description,
 * made once per type.
 */
export class Composites {
  private made = new Map<string, Codec>();

  constructor(
    private readonly structs: Record<string, StructField[]>,
    private readonly views: Views,
  ) {}

  /** The codec of `type`, spelled as the description spells it; undefined if this loader does not know it. */
  codec(type: string): Codec | undefined {
    let c = this.made.get(type);
    if (!c) {
      c = this.make(type);
      if (c) this.made.set(type, c);
    }
    return c;
  }

  private make(type: string): Codec | undefined {
    if (type in SLICES) return this.numbers(type);
    if (type.startsWith("[]")) {
      const elem = this.codec(type.slice(2));
      return elem && sequence(elem);
    }
    const array = /^\[(\d+)\](.*)$/.exec(type);
    if (array) {
      const elem = this.codec(array[2]);
      return elem && fixed(elem, Number(array[1]));
    }
    if (type.startsWith("map[string]")) {
      const elem = this.codec(type.slice(11));
      return elem && map(elem);
    }
    if (type.startsWith("*")) {
      const elem = this.codec(type.slice(1));
      return elem && pointer(elem);
    }
    if (type === "any") return anyCodec;
    if (type in this.structs) return this.struct(this.structs[type], type);
    return scalar(type);
  }

  private struct(fields: StructField[], name: string): Codec | undefined {
    const codecs: Codec[] = [];
    for (const f of fields) {
      const c = this.codec(f.type);
      if (!c) return undefined;
      codecs.push(c);
    }
    const short = name.slice(name.lastIndexOf("/") + 1);
    return {
      write(v, out, where, path) {
        if (!isObject(v)) fail(where, path, `an object (Go's ${short})`, v);
        const o = v as Record<string, unknown>;
        for (let i = 0; i < fields.length; i++) {
          const fv = o[fields[i].name];
          // A missing field, or null, leaves Go's zero value, as
          // encoding/json does.
          if (fv == null) codecs[i].zero(out);
          else codecs[i].write(fv, out, where, `${path}.${fields[i].name}`);
        }
      },
      zero(out) {
        for (const c of codecs) c.zero(out);
      },
      read(inp, path) {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          if (fields[i].omitempty && inp.byte() === 0) continue;
          put(o, fields[i].name, codecs[i].read(inp, `${path}.${fields[i].name}`));
        }
        return o;
      },
    };
  }

  // A slice of fixed-size numbers: a typed array.
  private numbers(type: string): Codec {
    const [tag, view, elem] = SLICES[type];
    const size = this.views[view].BYTES_PER_ELEMENT;
    const Ctor = (globalThis as any)[tag];
    const check = checker(elem);
    return {
      write(v, out, where, path) {
        if (v == null) return out.len(-1);
        let a: ArrayBufferView & { length: number };
        if (isTypedArray(tag, v)) {
          a = v as any;
        } else if (Array.isArray(v)) {
          for (let k = 0; k < v.length; k++) check(v[k], where + path, k);
          a = new Ctor(v);
        } else {
          return fail(where, path, `${article(tag)}, an array of numbers, or null`, v);
        }
        out.len(a.length);
        out.room(a.byteLength);
        out.u8.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), out.n);
        out.n += a.byteLength;
      },
      zero: (out) => out.len(-1),
      read(inp) {
        const n = inp.len();
        if (n < 0) return null;
        const bytes = n * size;
        const a = new Ctor(inp.u8.buffer.slice(inp.p, inp.p + bytes));
        inp.p += bytes;
        return a;
      },
    };
  }
}

function sequence(elem: Codec): Codec {
  return {
    write(v, out, where, path) {
      if (v == null) return out.len(-1);
      if (!Array.isArray(v)) fail(where, path, "an array or null", v);
      const a = v as unknown[];
      out.len(a.length);
      for (let i = 0; i < a.length; i++) elem.write(a[i], out, where, `${path}[${i}]`);
    },
    zero: (out) => out.len(-1),
    read(inp, path) {
      const n = inp.len();
      if (n < 0) return null;
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = elem.read(inp, `${path}[${i}]`);
      return a;
    },
  };
}

function fixed(elem: Codec, n: number): Codec {
  return {
    write(v, out, where, path) {
      if (!Array.isArray(v) || v.length !== n) fail(where, path, `an array of ${n}`, v);
      const a = v as unknown[];
      for (let i = 0; i < n; i++) elem.write(a[i], out, where, `${path}[${i}]`);
    },
    zero(out) {
      for (let i = 0; i < n; i++) elem.zero(out);
    },
    read(inp, path) {
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = elem.read(inp, `${path}[${i}]`);
      return a;
    },
  };
}

// A property's place in a message.
const prop = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

function map(elem: Codec): Codec {
  return {
    write(v, out, where, path) {
      if (v == null) return out.len(-1);
      if (!isObject(v)) fail(where, path, "an object or null", v);
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      out.len(keys.length);
      for (const k of keys) {
        out.string(k);
        elem.write(o[k], out, where, path + prop(k));
      }
    },
    zero: (out) => out.len(-1),
    read(inp, path) {
      const n = inp.len();
      if (n < 0) return null;
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = inp.string();
        put(o, k, elem.read(inp, path + prop(k)));
      }
      return o;
    },
  };
}

function pointer(elem: Codec): Codec {
  return {
    write(v, out, where, path) {
      if (v == null) return out.byte(0);
      out.byte(1);
      elem.write(v, out, where, path);
    },
    zero: (out) => out.byte(0),
    read: (inp, path) => (inp.byte() === 0 ? null : elem.read(inp, path)),
  };
}

// The tags of an any's value, as wire.go numbers them.
const enum Any {
  Null,
  False,
  True,
  Number,
  String,
  Array,
  Object,
}

function writeAny(v: unknown, out: Out, where: string, path: string, depth: number) {
  if (depth > ANY_DEPTH) throw new TypeError(`${where} is nested more than ${ANY_DEPTH} deep: a value that contains itself cannot cross`);
  if (v == null) return out.byte(Any.Null);
  switch (typeof v) {
    case "boolean":
      return out.byte(v ? Any.True : Any.False);
    case "number":
      out.byte(Any.Number);
      return out.float(v);
    case "string":
      out.byte(Any.String);
      return out.string(v);
  }
  if (Array.isArray(v)) {
    out.byte(Any.Array);
    out.len(v.length);
    for (let i = 0; i < v.length; i++) writeAny(v[i], out, where, `${path}[${i}]`, depth + 1);
    return;
  }
  if (isObject(v)) {
    const keys = Object.keys(v);
    out.byte(Any.Object);
    out.len(keys.length);
    for (const k of keys) {
      out.string(k);
      writeAny(v[k], out, where, path + prop(k), depth + 1);
    }
    return;
  }
  fail(where, path, "null, a boolean, a number, a string, an array or a plain object (what JSON holds)", v);
}

function readAny(inp: In): unknown {
  switch (inp.byte()) {
    case Any.False:
      return false;
    case Any.True:
      return true;
    case Any.Number:
      return inp.float();
    case Any.String:
      return inp.string();
    case Any.Array: {
      const a = new Array(inp.len());
      for (let i = 0; i < a.length; i++) a[i] = readAny(inp);
      return a;
    }
    case Any.Object: {
      const o: Record<string, unknown> = {};
      const n = inp.len();
      for (let i = 0; i < n; i++) {
        const k = inp.string();
        put(o, k, readAny(inp));
      }
      return o;
    }
  }
  return null;
}

const anyCodec: Codec = {
  write: (v, out, where, path) => writeAny(v, out, where, path, 0),
  zero: (out) => out.byte(Any.Null),
  read: readAny,
};

// Numbers, bigints, booleans and strings inside a composite value.
function scalar(type: string): Codec | undefined {
  switch (type) {
    case "bool":
      return {
        write: (v, out, where, path) => (typeof v === "boolean" ? out.byte(v ? 1 : 0) : fail(where, path, "a boolean", v)),
        zero: (out) => out.byte(0),
        read: (inp) => inp.byte() !== 0,
      };
    case "string":
      return {
        write: (v, out, where, path) => (typeof v === "string" ? out.string(v) : fail(where, path, "a string", v)),
        zero: (out) => out.len(0),
        read: (inp) => inp.string(),
      };
    case "int64":
    case "uint64": {
      const check = checker(type);
      const signed = type === "int64";
      return {
        write(v, out, where, path) {
          check(v, where + path);
          out.bigint(v as bigint, signed);
        },
        zero: (out) => out.bigint(0n, true),
        read(inp) {
          const v = signed ? inp.dv.getBigInt64(inp.p, true) : inp.dv.getBigUint64(inp.p, true);
          inp.p += 8;
          return v;
        },
      };
    }
    case "int":
    case "uint":
    case "uintptr": {
      // In as a float64, out as Go's 64 bits, which must fit a JS number.
      const check = checker(type);
      const signed = type === "int";
      return {
        write(v, out, where, path) {
          check(v, where + path);
          out.float(v as number);
        },
        zero: (out) => out.float(0),
        read(inp, path) {
          const lo = inp.dv.getUint32(inp.p, true);
          const hi = signed ? inp.dv.getInt32(inp.p + 4, true) : inp.dv.getUint32(inp.p + 4, true);
          const v = hi * 4294967296 + lo;
          if (hi < -0x200000 || hi >= 0x200000 || !Number.isSafeInteger(v)) {
            const bits = signed ? inp.dv.getBigInt64(inp.p, true) : inp.dv.getBigUint64(inp.p, true);
            throw new UnsafeResult(`returned ${bits} as ${path ? `the ${type} at ${path.replace(/^\./, "")}` : `its ${type}`}`);
          }
          inp.p += 8;
          return v;
        },
      };
    }
    case "int8":
    case "int16":
    case "int32":
    case "uint8":
    case "uint16":
    case "uint32":
    case "float32":
    case "float64": {
      const check = checker(type);
      return {
        write(v, out, where, path) {
          check(v, where + path);
          out.float(v as number);
        },
        zero: (out) => out.float(0),
        read: (inp) => inp.float(),
      };
    }
  }
  return undefined;
}
