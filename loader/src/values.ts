// The value table: the JS values a Go program holds refs to, by id, with
// their reference counts, and the refs themselves as Go stores them in its
// memory. It also weighs the ArrayBuffers Go holds, which only Go's GC can
// let go of, and asks Go to collect when they grow.

import type { Memory } from "./memory.js";

// A ref is a NaN-boxed float64: plain numbers are stored as themselves; every
// other value is NaN with a table id in the low word and a type flag in the
// high word.
const NAN_HEAD = 0x7ff80000;
const FLAG_OBJECT = 1;
const FLAG_STRING = 2;
const FLAG_SYMBOL = 3;
const FLAG_FUNCTION = 4;

// Ids 0–6 are fixed by syscall/js: NaN, 0, null, true, false, the global
// object, and the object standing for this instance ("jsGo").
const PREDEFINED = 7;

// Go is asked for a GC when the ArrayBuffers it holds pass this many bytes
// (or twice what was left after the last one).
const GC_MIN_MARK = 8 << 20;

export class ValueTable {
  /** By id; Go's own syscall/js tests read its length (jsGo._values). */
  values: unknown[];
  private refCounts: number[];
  private ids: Map<unknown, number>;
  private freeIds: number[] = [];
  // JS memory that only Go's GC can release: bytes of the ArrayBuffers
  // (and views' buffers) in the value table, by id and in all, and the mark
  // past which Go is asked to collect.
  private weights: number[] = [];
  private heldBytes = 0;
  private gcMark = GC_MIN_MARK;

  // How many heavy values have been named to Go (heavyRefs), of which the
  // last four are kept.
  private heavyCount = 0;

  /**
   * `goObject` is the instance's jsGo; `gcFlag` returns where in Go's
   * memory to ask for a GC, and `heavyRefs` where to name the heavy values
   * it takes, if the program is patched for it.
   */
  constructor(
    private readonly mem: Memory,
    goObject: object,
    private readonly gcFlag: () => number | undefined,
    private readonly heavyRefs: () => number | undefined,
  ) {
    this.values = [NaN, 0, null, true, false, globalThis, goObject];
    this.refCounts = new Array(PREDEFINED).fill(Infinity);
    this.ids = new Map<unknown, number>([
      [0, 1],
      [null, 2],
      [true, 3],
      [false, 4],
      [globalThis, 5],
      [goObject, 6],
    ]);
  }

  /** Number of JS values Go holds refs to (the fixed ones not counted). */
  live(): number {
    return Math.max(0, this.ids.size - (PREDEFINED - 1));
  }

  /** Drops every value, once the program has exited. */
  clear() {
    this.values = [];
    this.ids.clear();
    this.refCounts = [];
    this.freeIds = [];
    this.weights = [];
    this.heldBytes = 0;
  }

  /** syscall/js.finalizeRef: Go dropped one ref to the value with this id. */
  finalize(id: number) {
    if (--this.refCounts[id] === 0) {
      const value = this.values[id];
      this.values[id] = undefined;
      this.ids.delete(value);
      this.freeIds.push(id);
      this.heldBytes -= this.weights[id];
      this.weights[id] = 0;
    }
  }

  load(addr: number): unknown {
    const f = this.mem.view.getFloat64(addr, true);
    if (f === 0) return undefined;
    if (!isNaN(f)) return f;
    return this.values[this.mem.view.getUint32(addr, true)];
  }

  loadSlice(addr: number): unknown[] {
    const ptr = this.mem.getInt64(addr);
    const len = this.mem.getInt64(addr + 8);
    const out = new Array(len);
    for (let i = 0; i < len; i++) out[i] = this.load(ptr + i * 8);
    return out;
  }

  store(addr: number, v: unknown) {
    const view = this.mem.view;
    if (typeof v === "number" && v !== 0) {
      if (isNaN(v)) {
        view.setUint32(addr + 4, NAN_HEAD, true);
        view.setUint32(addr, 0, true);
      } else {
        view.setFloat64(addr, v, true);
      }
      return;
    }
    if (v === undefined) {
      view.setFloat64(addr, 0, true);
      return;
    }
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.freeIds.pop();
      if (id === undefined) id = this.values.length;
      this.values[id] = v;
      this.refCounts[id] = 0;
      this.ids.set(v, id);
      const w = v instanceof ArrayBuffer ? v.byteLength : ArrayBuffer.isView(v) ? v.buffer.byteLength : 0;
      this.weights[id] = w;
      if (w) this.hold(w);
    }
    this.refCounts[id]++;
    if (this.weights[id]) this.nameHeavy(id);
    let flag = 0;
    switch (typeof v) {
      case "object":
        if (v !== null) flag = FLAG_OBJECT;
        break;
      case "string":
        flag = FLAG_STRING;
        break;
      case "symbol":
        flag = FLAG_SYMBOL;
        break;
      case "function":
        flag = FLAG_FUNCTION;
        break;
    }
    view.setUint32(addr + 4, NAN_HEAD | flag, true);
    view.setUint32(addr, id, true);
  }

  // Tells the patched syscall/js that the Value it makes next of ref id
  // holds memory of its own (an ArrayBuffer or a view): it gets a finalizer
  // of its own instead of a slab's (buildwasm_invoke.go, slabValue), so no
  // long-lived Value made beside it can keep it. The last four are named.
  private nameHeavy(id: number) {
    const at = this.heavyRefs();
    if (at === undefined) return;
    this.mem.view.setUint32(at + 4 * (this.heavyCount++ & 3), id + 1, true);
  }

  // Counts JS memory Go now holds; past the mark, asks Go (patched by
  // buildwasm) to collect at its next safe point, by setting a flag in its
  // memory: Go checks it whenever a JS value comes in.
  private hold(bytes: number) {
    this.heldBytes += bytes;
    const flag = this.gcFlag();
    if (flag === undefined) return;
    if (this.gcMark === Infinity && this.mem.view.getUint32(flag, true) === 0) {
      this.gcMark = Math.max(GC_MIN_MARK, 2 * this.heldBytes); // Go has collected
    }
    if (this.heldBytes > this.gcMark) {
      this.mem.view.setUint32(flag, 1, true);
      this.gcMark = Infinity;
    }
  }
}
