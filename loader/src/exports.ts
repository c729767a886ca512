// Typed exports (//buildwasm:export): the synchronous, typed JS functions
// that call a program's generated wasm wrappers (buildwasm.x.<name>). Once
// main waits, each package's description (buildwasm.d.<import path>) says
// what there is; each function is then built once, with a codec per
// parameter (codecs.ts), so a call only checks, copies and calls. Outcomes
// come back through exportOut (contract.ts, ExportStatus).

import type { Bridge } from "./bridge.js";
import { OWN_MIN, Views, param, result, show, type Param } from "./codecs.js";
import { Composites, In, Out, UnsafeResult, type Codec } from "./composite.js";
import { ExportStatus, type ExportDescription, type ExportedFunc, type PanicRecord } from "./contract.js";
import { GoBlockedError, GoError, GoExitedError, callerFrames, panicError, thrownAt } from "./errors.js";
import { readUTF8 } from "./utf8.js";

/** What each typed export of a program is, for worker mode (worker.ts). */
export const described = new WeakMap<Function, ExportedFunc & { goFunc: string }>();

/** The prefix of the raw exports behind typed exports: never shown in App.exports. */
export const RAW_PREFIX = "buildwasm.";
const DESCRIPTION = "buildwasm.d.";
const SCRATCH = "buildwasm.scratch";
const ALLOC = "buildwasm.alloc";
const CANCEL = "buildwasm.cancel";

/** An async typed export's call in flight. */
interface Pending {
  resolve: (v: unknown) => void;
  reject: (err: unknown) => void;
  read: (w: number) => unknown;
  x: Export;
  fn: Function;
  signal?: AbortSignal;
  onAbort?: () => void;
}


// What the calls into one program's typed exports share. Functions keep it,
// not the instance: onRelease empties it, so that a function the page keeps
// pins nothing of an ended program.
class Calls {
  /**
   * The raw wasm functions, by index; 0 is buildwasm.scratch, 1
   * buildwasm.alloc and 2 buildwasm.cancel (both absent from programs of
   * older buildwasm versions, which have no async exports either).
   */
  fns: Function[];
  readonly views: Views;
  /** exportOut's word 0, as an index into 32-bit views. */
  readonly word0: number;
  /** exportOut's word 1, where results start, as an index into 64-bit views. */
  readonly result: number;
  private seq = 0;
  private scratchAt = 0;
  private scratchRoom = 0;

  constructor(
    readonly bridge: Bridge,
    scratch: Function,
    alloc: Function | undefined,
    cancel: Function | undefined,
    out: number,
  ) {
    this.fns = [scratch, alloc ?? scratch, cancel ?? scratch];
    if (alloc) {
      this.alloc = (n) => {
        if (n > 0x7fffffff) throw new RangeError(`an argument takes ${n} bytes; a call can pass at most 2 GiB`);
        const at = (this.call(1, [n]) as number) >>> 0;
        bridge.checkAlive(); // a call into Go, which may end
        return at;
      };
    }
    this.views = new Views(bridge.mem);
    this.word0 = out / 4;
    this.result = out / 8 + 1;
    bridge.exportSettle = (seq) => this.settle(seq);
    bridge.onRelease(() => {
      this.fns = [];
      this.views.clear();
      // A program that ends answers no call in flight.
      for (const [seq, p] of this.pending) {
        this.pending.delete(seq);
        if (p.onAbort) p.signal!.removeEventListener("abort", p.onAbort);
        p.reject(new GoExitedError(bridge.status!));
      }
    });
  }

  /** The async calls in flight, by sequence number. */
  private pending = new Map<number, Pending>();
  private waking = false;

  /**
   * Starts async call seq of x (raw function i with slots), made by fn:
   * its goroutine runs once JS has returned to the event loop, and
   * settles the Promise through jsGo._exportSettle.
   */
  start(i: number, slots: unknown[], seq: number, x: Export, read: (w: number) => unknown, fn: Function, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, read, x, fn, signal };
      this.pending.set(seq, p);
      try {
        this.call(i, slots);
        if (!this.finished(seq)) this.outcome(seq, x, fn); // throws
      } catch (err) {
        this.pending.delete(seq);
        throw err; // rejects
      }
      if (signal) {
        p.onAbort = () => this.abort(seq);
        signal.addEventListener("abort", p.onAbort, { once: true });
      }
      this.wake();
    });
  }

  /** Go's goroutine for call seq has left its outcome in exportOut. */
  private settle(seq: number) {
    const p = this.pending.get(seq);
    if (!p) return; // aborted: its caller has its answer
    this.pending.delete(seq);
    if (p.onAbort) p.signal!.removeEventListener("abort", p.onAbort);
    try {
      p.resolve(this.finished(seq) ? p.read(this.result) : this.outcome(seq, p.x, p.fn));
    } catch (err) {
      p.reject(err);
    }
  }

  // The caller's AbortSignal fired: the call rejects at once with its
  // reason, and Go's context is cancelled.
  private abort(seq: number) {
    const p = this.pending.get(seq);
    if (!p) return;
    this.pending.delete(seq);
    p.reject(p.signal!.reason);
    if (!this.bridge.status) {
      this.call(2, [seq]);
      this.wake();
    }
  }

  // Lets Go run what a start or a cancel made ready, once JS has returned
  // to the event loop: once for all the calls made until then.
  private wake() {
    if (this.waking) return;
    this.waking = true;
    queueMicrotask(() => {
      this.waking = false;
      if (!this.bridge.status) this.bridge.resume();
    });
  }

  /** A new call's sequence number: a positive int32. */
  next(): number {
    return (this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1);
  }

  /** Calls raw function i with its wasm parameters, counted and guarded as every entry into Go. */
  call(i: number, slots: unknown[]) {
    return this.bridge.invoke(this.fns[i], slots);
  }


  /** The address of n bytes of scratch space, asked of Go only when it needs more room. */
  scratch(n: number): number {
    if (n > this.scratchRoom) {
      const room = Math.max(n, 2 * this.scratchRoom, 4096);
      if (room > 0x7fffffff) throw new RangeError(`the arguments take ${n} bytes; a call can pass at most 2 GiB`);
      this.scratchAt = (this.call(0, [room]) as number) >>> 0;
      this.scratchRoom = room;
    }
    return this.scratchAt;
  }

  /** The address of n bytes of Go's heap for one argument that Go then keeps (codecs.ts, own). */
  readonly alloc?: (n: number) => number;

  /** Whether call seq finished with status OK, its result at word `result`. */
  finished(seq: number): boolean {
    if (this.bridge.status) return false;
    const i32 = this.views.fresh().i32;
    return i32[this.word0] === seq && i32[this.word0 + 1] === ExportStatus.OK;
  }

  /**
   * The error that call seq of x, made by fn (the typed export), throws:
   * it did not finish with status OK.
   */
  outcome(seq: number, x: Export, fn: Function): never {
    const status = this.bridge.status;
    if (status) throw new GoExitedError(status);
    const v = this.views.fresh();
    if (v.i32[this.word0] !== seq) {
      // The runtime paused for JS before the call finished: Go now waits
      // in a frame that no longer exists, and must never run again.
      const err = thrownAt(new GoBlockedError(x.name, x.goFunc), fn);
      this.bridge.fail(err);
      throw err;
    }
    const w = this.result;
    switch (v.i32[this.word0 + 1]) {
      case ExportStatus.Error: {
        const chain = this.bridge.table.load(8 * w) as { message: string; goType: string }[];
        let err: GoError | undefined;
        for (let k = chain.length - 1; k >= 0; k--) err = new GoError(chain[k].message, chain[k].goType, err);
        throw thrownAt(err!, fn);
      }
      case ExportStatus.Panic:
        throw panicError(this.bridge.table.load(8 * w) as PanicRecord, callerFrames(fn));
      case ExportStatus.Throw:
        throw this.bridge.table.load(8 * w);
      case ExportStatus.NotSafe:
      case ExportStatus.NotSafeU: {
        const value = v.i32[this.word0 + 1] === ExportStatus.NotSafe ? v.i64[w + 1] : v.u64[w + 1];
        throw thrownAt(notSafe(x, `returned ${value} as its ${x.result}`), fn);
      }
      case ExportStatus.NotCrossable:
        throw thrownAt(new TypeError(`${x.name} (Go ${x.goFunc}) returned ${this.bridge.table.load(8 * w)}`), fn);
      default:
        throw new Error(`${x.name} (Go ${x.goFunc}) ended with status ${v.i32[this.word0 + 1]}, unknown to this loader`);
    }
  }
}

interface Export extends ExportedFunc {
  /** The Go function, package path included. */
  goFunc: string;
}

/**
 * The typed exports of the program `bridge` runs, by JS name, read from its
 * descriptions once main waits; empty if it has none. Throws if a
 * description asks for what this loader cannot do.
 */
export function typedExports(bridge: Bridge, raw: Record<string, unknown>): Record<string, Function> {
  const described = Object.keys(raw).filter((name) => name.startsWith(DESCRIPTION));
  const typed: Record<string, Function> = Object.create(null);
  if (!described.length || bridge.status) return typed;
  const out = bridge.exportOut;
  if (out === undefined || typeof raw[SCRATCH] !== "function") {
    throw new Error("the program has typed exports, but not buildwasm's syscall/js to call them: build it with buildwasm build");
  }
  const calls = new Calls(bridge, raw[SCRATCH] as Function, raw[ALLOC] as Function | undefined, raw[CANCEL] as Function | undefined, out);
  for (const name of described) {
    calls.fns.push(raw[name] as Function);
    const seq = calls.next();
    calls.call(calls.fns.length - 1, [seq]);
    if (bridge.status) return typed;
    const v = calls.views.fresh();
    if (v.i32[calls.word0] !== seq || v.i32[calls.word0 + 1] !== ExportStatus.OK) throw new Error(`${name} did not describe its exports`);
    const w = calls.result;
    const text = readUTF8(v.u8, v.u32[2 * w], v.u32[2 * w + 2]);
    const desc = JSON.parse(text) as ExportDescription;
    const composites = new Composites(desc.structs ?? {}, calls.views);
    for (const x of desc.exports) {
      const fn = raw[x.export];
      if (typeof fn !== "function") throw new Error(`${name} describes ${x.export}, which the program does not export`);
      calls.fns.push(fn);
      typed[x.name] = build(calls, composites, calls.fns.length - 1, { ...x, goFunc: `${desc.package}.${x.go}` });
    }
  }
  return typed;
}

// The AbortSignal of an async export's options, the argument after its Go
// parameters.
function abortSignal(x: Export, options: unknown): AbortSignal | undefined {
  if (options === undefined) return undefined;
  const signal = (options as { signal?: unknown } | null)?.signal;
  if (typeof options !== "object" || options === null || (signal !== undefined && !(signal instanceof AbortSignal))) {
    throw new TypeError(`${x.name}: its options, after the Go arguments, must be an object { signal?: AbortSignal }, got ${show(options)}`);
  }
  return signal as AbortSignal | undefined;
}

// The reader of a composite result, from the address and length Go left
// in result word w.
function compositeResult(composites: Composites, x: Export, views: Views): (w: number) => unknown {
  const codec = composites.codec(x.result);
  if (!codec) throw unknownType(x, x.result);
  return (w) => {
    try {
      return codec.read(new In(views.u8, views.u32[2 * w]), "");
    } catch (err) {
      if (!(err instanceof UnsafeResult)) throw err;
      throw notSafe(x, err.message);
    }
  };
}

function unknownType(x: Export, type: string): Error {
  return new Error(`${x.name} (Go ${x.goFunc}) uses the type ${type}, which this loader cannot pass: the program was built by a newer buildwasm than the loader's`);
}

// The typed export x, calling raw function i.
function build(calls: Calls, composites: Composites, i: number, x: Export): Function {
  const { views, bridge } = calls;
  // Composite arguments (composite.ts) are written into one run of bytes,
  // whose address and length are the raw function's last parameters.
  const codecs: (Codec | undefined)[] = [];
  const wheres: string[] = [];
  const params: (Param | undefined)[] = x.params.map((p, k) => {
    const name = p.name && p.name !== "_" ? p.name : k + 1;
    const codec = param(p.type, `${x.name}: argument ${name} (${p.type})`, views, bridge.table);
    if (codec) return codec;
    codecs[k] = composites.codec(p.type);
    if (!codecs[k]) throw unknownType(x, p.type);
    wheres[k] = `${x.name}: argument ${name}`;
    return undefined;
  });
  const read = result(x.result, views, bridge.table) ?? compositeResult(composites, x, views);
  // Where each parameter's wasm values go, after the sequence number.
  const at: number[] = [];
  let width = 1;
  for (const p of params) {
    at.push(width);
    width += p?.slots ?? 0;
  }
  const bytesAt = codecs.length ? width : 0;
  if (bytesAt) width += 2;
  const out = new Out();
  // Reused by every call: the raw call reads the values out of it before
  // Go can call back into JS, which may call this export again.
  const slots: unknown[] = new Array(width).fill(0);
  const finish = (signal?: AbortSignal): unknown => {
    const seq = calls.next();
    slots[0] = seq;
    if (x.async) return calls.start(i, slots, seq, x, read, typed, signal);
    calls.call(i, slots);
    return calls.finished(seq) ? read(calls.result) : calls.outcome(seq, x, typed);
  };
  const lower = params.map((p) => (p && "lower" in p ? p.lower : undefined));
  let typed: Function;
  if (lower.every((l) => l) && lower.length <= 3 && !x.async) {
    // The usual small exports, without an arguments array.
    const [l0, l1, l2] = lower as ((v: unknown) => unknown)[];
    if (lower.length === 0) typed = () => finish();
    else if (lower.length === 1) typed = (a: unknown) => ((slots[1] = l0(a)), finish());
    else if (lower.length === 2) typed = (a: unknown, b: unknown) => ((slots[1] = l0(a)), (slots[2] = l1(b)), finish());
    else typed = (a: unknown, b: unknown, c: unknown) => ((slots[1] = l0(a)), (slots[2] = l1(b)), (slots[3] = l2(c)), finish());
  } else {
    const n = params.length;
    const inMemory = bytesAt > 0 || params.some((p) => p && "put" in p);
    // Per argument, reused by every call: its size in bytes, and whether it
    // went into memory of its own.
    const sizes: number[] = new Array(n).fill(0);
    const owned: boolean[] = new Array(n).fill(false);
    const call = (args: unknown[]): unknown => {
      const signal = x.async ? abortSignal(x, args[n]) : undefined;
      if (signal?.aborted) return Promise.reject(signal.reason);
      out.n = 0;
      for (let k = 0; k < n; k++) {
        const p = params[k];
        if (!p) codecs[k]!.write(args[k], out, wheres[k], "");
        else if ("lower" in p) slots[at[k]] = p.lower(args[k]);
        else sizes[k] = p.size(args[k]);
      }
      // Only once every argument is known good: a JS value put into the
      // scratch space holds a ref that Go must take. Never at address 0,
      // even for empty strings and arrays: Go would take an empty slice at
      // nil for a nil one.
      if (!inMemory) return finish(signal);
      bridge.checkAlive();
      let need = out.n;
      for (let k = 0; k < n; k++) {
        const p = params[k];
        if (!p || !("put" in p)) continue;
        owned[k] = sizes[k] >= OWN_MIN && p.own !== undefined && calls.alloc !== undefined;
        if (owned[k]) p.own!(args[k], calls.alloc!, slots, at[k]);
        else need += sizes[k];
      }
      let free = calls.scratch(need || 1);
      bridge.checkAlive(); // asking for room is a call into Go, which may end
      views.fresh();
      if (bytesAt) {
        views.u8.set(out.u8.subarray(0, out.n), free);
        slots[bytesAt] = free;
        slots[bytesAt + 1] = out.n;
        free += out.n;
      }
      for (let k = 0; k < n; k++) {
        const p = params[k];
        if (p && "put" in p && !owned[k]) free = p.put(args[k], free, slots, at[k]);
      }
      return finish(signal);
    };
    typed = x.async
      ? (...args: unknown[]) => {
          // An async export rejects where a synchronous one throws.
          try {
            return call(args);
          } catch (err) {
            return Promise.reject(err);
          }
        }
      : (...args: unknown[]) => call(args);
  }
  Object.defineProperty(typed, "name", { value: x.name });
  Object.defineProperty(typed, "length", { value: x.params.length });
  described.set(typed, x);
  return typed;
}

// The error of an int, uint or uintptr result (what says which, in what)
// too large for a JS number.
function notSafe(x: { name: string; goFunc: string }, what: string): RangeError {
  return new RangeError(
    `${x.name} (Go ${x.goFunc}) ${what}, past what a JS number holds exactly (±(2^53-1)): ` +
      "return an int64 or uint64 for such values, which cross as a bigint",
  );
}
