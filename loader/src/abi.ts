// Our implementation of the `gojs` import module: the contract between a Go
// js/wasm program (runtime and syscall/js) and its host.
//
// Every gojs import takes one argument, the Go stack pointer `sp`. Arguments
// are laid out from sp+8 as Go's ABI0 lays out a frame: int64/ref take 8
// bytes, strings 16 (ptr, len), slices 24 (ptr, len, cap), results follow the
// arguments. Any import that runs JS which may call back into Go must re-read
// sp afterwards, because Go may have grown (moved) its stack meanwhile.

import { GoExitedError, errorFromTraceback, panicError, type ExitStatus, type PanicRecord } from "./errors.js";
import type { Host } from "./host.js";
import { LeakTracker } from "./leaks.js";

// A ref is a NaN-boxed float64: plain numbers are stored as themselves; every
// other value is NaN with a table id in the low word and a type flag in the
// high word.
const NAN_HEAD = 0x7ff80000;
const FLAG_OBJECT = 1;
const FLAG_STRING = 2;
const FLAG_SYMBOL = 3;
const FLAG_FUNCTION = 4;


/**
 * A name on the global object that the program must not use where it runs
 * (document in a worker): reading it throws an Error saying why, which the
 * program sees as a panic.
 */
export class Unavailable {
  constructor(readonly why: string) {}
}

// Ids 0–6 are fixed by syscall/js: NaN, 0, null, true, false, the global
// object, and the object standing for this instance ("jsGo").
const ID_GLOBAL = 5;
const PREDEFINED = 7;

// What the runtime may write to fd 2 before it exits; enough to hold the
// headline of a panic, not the whole goroutine dump.
const STDERR_TAIL = 64 * 1024;

// Go is asked for a GC when the ArrayBuffers it holds pass this many bytes
// (or twice what was left after the last one).
const GC_MIN_MARK = 8 << 20;

// The exit code of a program stopped by dispose().
export const DISPOSED = -1;

// The exit code of a program killed by a trap or a JS exception, as Go
// exits after a fatal panic.
export const CRASHED = 2;

// Go's runtime places argv and envp from this offset and refuses to start if
// they run into its data (wasmMinDataAddr = 4096 + 8192).
const ARGS_START = 4096;
const ARGS_END = 4096 + 8192;

export interface Exports {
  run(argc: number, argv: number): void;
  resume(): void;
  getsp(): number;
  mem: WebAssembly.Memory;
  [name: string]: unknown;
}

/** A call from JS into a Go func; the patched syscall/js may set `panic`. */
interface Event {
  id: number;
  this: unknown;
  args: unknown[];
  result?: unknown;
  panic?: PanicRecord;
}

/** The per-instance object Go knows as jsGo: it carries events into Go. */
interface GoObject {
  readonly _values: unknown[];
  /** Set by the patched syscall/js: where to ask Go for a GC (see store). */
  _gcRequest?: number;
  _pendingEvent: Event | null;
  _makeFuncWrapper(id: number, site?: number): Function;
  _funcSite(site: number, name: string): void;
  /** Set by the patched syscall/js in leak-tracking builds: address of the []uint32 of released Func ids. */
  _released?: number;
  /** Set by the patched syscall/js in leak-tracking builds: releases a Func. */
  _releaseFunc?: Function;
  /** Set by the patched syscall/js: runs a Go GC and lets finalizers run. */
  _gc?: Function;
  /** Set by the patched syscall/js: Go's heap bytes and live Funcs. */
  _stats?: () => { goHeap: number; goFuncs: number };
}

// The JavaScript frames above fn, as V8 prints them, for errors thrown to
// fn's caller.
function callerFrames(fn: Function): string {
  const holder: { stack?: string } = {};
  const capture = (Error as { captureStackTrace?: (o: object, f: Function) => void }).captureStackTrace;
  if (capture) capture(holder, fn);
  else holder.stack = new Error().stack;
  return (holder.stack ?? "").split("\n").slice(1).join("\n");
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export class Bridge {
  exports!: Exports;
  status: ExitStatus | undefined;
  /** Resolves once the program has exited. */
  readonly exited: Promise<ExitStatus>;
  private resolveExited!: (s: ExitStatus) => void;

  private view!: DataView;
  private values: unknown[];
  private refCounts: number[];
  private ids: Map<unknown, number>;
  private freeIds: number[] = [];
  // JS memory that only Go's GC can release: bytes of the ArrayBuffers
  // (and views' buffers) in the value table, by id and in all, and the mark
  // past which Go is asked to collect.
  private weights: number[] = [];
  private heldBytes = 0;
  private gcMark = GC_MIN_MARK;
  // Counts entries into Go; an import compares it before and after running JS
  // to know whether sp may have moved.
  private entries = 0;
  // How many calls into Go are on the JS stack right now.
  private depth = 0;
  private timeouts = new Map<number, ReturnType<typeof setTimeout>>();
  private nextTimeout = 1;
  private stderrTail = "";
  // The runtime's own stderr writes since Go was entered, held back by a
  // quiet host until it is known whether they report a fatal error.
  private pendingStderr: Uint8Array[] = [];
  private reported = false;
  private readonly goObject: GoObject;
  private readonly overrides: Record<string, unknown>;
  private readonly timeOrigin = Date.now() - performance.now();

  /** Leak tracking, made when a leak-tracking build makes its first Func. */
  leaks: LeakTracker | undefined;

  /**
   * `extra` are more names served per instance on the global object;
   * `symbolize` names the wasm frames of an error that killed the program;
   * `autoRelease` releases Funcs found leaked.
   */
  constructor(
    private readonly host: Host,
    extra: Record<string, unknown> = {},
    private readonly symbolize: (err: unknown) => Promise<void> = async () => {},
    private readonly autoRelease = false,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    const bridge = this;
    this.goObject = {
      // Go's own syscall/js tests read the value table's size from here.
      get _values() {
        return bridge.values;
      },
      _pendingEvent: null,
      _makeFuncWrapper(id: number, site?: number) {
        const wrapper = function goFunc(this: unknown, ...args: unknown[]) {
          const event: Event = { id, this: this, args };
          bridge.goObject._pendingEvent = event;
          bridge.resume();
          if (event.panic) throw panicError(event.panic, callerFrames(goFunc));
          // The program died during this call: its caller must not take
          // undefined for a result. A clean exit just returns.
          if (bridge.status && bridge.status.code !== 0) throw new GoExitedError(bridge.status);
          return event.result;
        };
        if (site) bridge.leakTracker().track(wrapper, id, site);
        return wrapper;
      },
      _funcSite(site: number, name: string) {
        bridge.leakTracker().name(site, name);
      },

    };
    // Reads of these names on the global object are answered per instance.
    this.overrides = { fs: host.fs, process: host.process, path: host.path, ...extra };
    this.values = [NaN, 0, null, true, false, globalThis, this.goObject];
    this.refCounts = new Array(PREDEFINED).fill(Infinity);
    this.ids = new Map<unknown, number>([
      [0, 1],
      [null, 2],
      [true, 3],
      [false, 4],
      [globalThis, 5],
      [this.goObject, 6],
    ]);
  }

  /** Starts the program: main runs until it exits or first waits for an event. */
  run(instance: WebAssembly.Instance, args: string[], env: Record<string, string>) {
    this.exports = instance.exports as unknown as Exports;
    this.view = new DataView(this.exports.mem.buffer);
    // Each string NUL-terminated and 8-byte aligned, then a pointer to each
    // and a 0 after the arguments and after the environment.
    const strings = [...args, ...Object.keys(env).sort().map((key) => `${key}=${env[key]}`)].map((s) => encoder.encode(s + "\0"));
    const room = (n: number) => n + ((8 - (n % 8)) % 8);
    const needed = strings.reduce((sum, b) => sum + room(b.length), 0) + (strings.length + 2) * 8;
    if (needed > ARGS_END - ARGS_START) {
      const [largest] = Object.entries(env).sort((a, b) => b[1].length - a[1].length);
      const which = largest ? `; the largest environment variable is ${largest[0]} (${encoder.encode(largest[1]).length} bytes)` : "";
      throw new Error(`the command line and environment take ${needed} bytes, and Go's js/wasm start-up has room for ${ARGS_END - ARGS_START}${which}`);
    }
    let offset = ARGS_START;
    const pointers: number[] = [];
    const put = (bytes: Uint8Array) => {
      new Uint8Array(this.exports.mem.buffer, offset, bytes.length).set(bytes);
      pointers.push(offset);
      offset += room(bytes.length);
    };
    strings.slice(0, args.length).forEach(put);
    pointers.push(0);
    strings.slice(args.length).forEach(put);
    pointers.push(0);
    const argv = offset;
    for (const p of pointers) {
      this.view.setUint32(offset, p, true);
      this.view.setUint32(offset + 4, 0, true);
      offset += 8;
    }
    this.enter(() => this.exports.run(args.length, argv));
  }

  leakTracker(): LeakTracker {
    if (!this.leaks) {
      const release = (id: number) => {
        if (!this.status) (this.goObject._releaseFunc as Function | undefined)?.(id);
      };
      this.leaks = new LeakTracker(this.autoRelease ? release : undefined, () => this.drainReleased());
    }
    return this.leaks;
  }

  // Reads and empties Go's list of released Func ids (a []uint32 whose
  // header the patched syscall/js published): only while Go is not in the
  // middle of appending, which is always the case when JS runs.
  private drainReleased(): number[] {
    const at = this.goObject._released;
    if (at === undefined || this.status) return [];
    const ptr = this.view.getUint32(at, true);
    const len = this.getInt64(at + 8);
    const ids: number[] = [];
    for (let i = 0; i < len; i++) ids.push(this.view.getUint32(ptr + 4 * i, true));
    if (len) this.setInt64(at + 8, 0);
    return ids;
  }

  /** Number of JS values Go holds refs to (the fixed ones not counted). */
  liveRefs(): number {
    return Math.max(0, this.ids.size - (PREDEFINED - 1));
  }

  /** Go's side of the census, if the program is patched for it and alive. */
  goStats(): { goHeap: number; goFuncs: number } | undefined {
    return !this.status && this.depth === 0 ? this.goObject._stats?.() : undefined;
  }

  /** Bytes of the program's linear memory. */
  memoryBytes(): number {
    return this.exports?.mem.buffer.byteLength ?? 0;
  }

  /** Runs a Go GC if the program is patched for it and alive. */
  goGC() {
    if (!this.status && this.depth === 0) this.goObject._gc?.();
  }

  /** Lets Go handle the pending event (or a timer) and run until it waits again. */
  resume() {
    this.enter(() => this.exports.resume());
  }

  /** Called when the host knows no event can ever arrive: Go reports its deadlock and exits. */
  reportDeadlock() {
    if (this.status) return;
    this.goObject._pendingEvent = { id: 0, this: undefined, args: [] };
    this.resume();
  }

  /** Calls the //go:wasmexport function `name`. */
  call(name: string, args: unknown[]): unknown {
    let result: unknown;
    this.enter(() => (result = (this.exports[name] as Function)(...args)));
    return result;
  }

  /** Throws GoExitedError if the program has exited. */
  checkAlive() {
    if (this.status) throw new GoExitedError(this.status);
  }

  /** Stops the program where it is: it never runs again. */
  dispose() {
    if (!this.status) this.exit(DISPOSED);
  }

  private enter(fn: () => void) {
    this.checkAlive();
    this.entries++;
    this.depth++;
    try {
      fn();
    } catch (err) {
      // A trap (unreachable, out of bounds, stack overflow) or a JS
      // exception unwound through Go: Go's stacks are lost with it, so the
      // program is dead. The caller gets the error; exited does too, once
      // its wasm frames are named.
      if (!this.status) this.crash(err);
      throw err;
    } finally {
      if (--this.depth === 0) this.afterGo();
    }
  }

  // Runs when Go has returned to JS: releases an exited program, and shows
  // what the runtime wrote to stderr, unless it was the report of an error
  // that is shown whole instead.
  private afterGo() {
    if (this.pendingStderr.length) {
      const parsed = this.status?.error && !this.reported;
      if (!parsed) for (const b of this.pendingStderr) this.host.write(2, b);
      this.pendingStderr = [];
    }
    if (this.status?.error && !this.reported && this.host.quiet) {
      this.reported = true;
      console.error(this.status.error);
    }
    if (this.status) this.release();
  }

  private crash(err: unknown) {
    const status = { code: CRASHED, error: err instanceof Error ? err : new Error(String(err)) };
    this.status = status;
    this.stopTimers();
    this.symbolize(err).finally(() => this.resolveExited(status));
  }

  private stopTimers() {
    for (const t of this.timeouts.values()) clearTimeout(t);
    this.timeouts.clear();
  }

  private exit(code: number) {
    const error = code === 0 || code === DISPOSED ? undefined : errorFromTraceback(this.stderrTail);
    this.status = error ? { code, error } : { code };
    this.stopTimers();
    if (this.depth === 0) this.afterGo();
    this.resolveExited(this.status);
  }

  // Drops every JS value Go held and the instance itself, so an exited
  // program pins nothing. Runs once Go has returned to JS.
  private release() {
    this.values = [];
    this.ids.clear();
    this.refCounts = [];
    this.freeIds = [];
    this.weights = [];
    this.heldBytes = 0;
    this.goObject._pendingEvent = null;
    this.exports = undefined!;
    this.view = undefined!;
  }

  // --- memory helpers -----------------------------------------------------

  private setInt64(addr: number, v: number) {
    this.view.setUint32(addr, v, true);
    this.view.setUint32(addr + 4, Math.floor(v / 4294967296), true);
  }

  private getInt64(addr: number): number {
    return this.view.getUint32(addr, true) + this.view.getInt32(addr + 4, true) * 4294967296;
  }

  private bytes(addr: number): Uint8Array {
    const ptr = this.getInt64(addr);
    const len = this.getInt64(addr + 8);
    return new Uint8Array(this.exports.mem.buffer, ptr, len);
  }

  private string(addr: number): string {
    return decoder.decode(this.bytes(addr));
  }

  private load(addr: number): unknown {
    const f = this.view.getFloat64(addr, true);
    if (f === 0) return undefined;
    if (!isNaN(f)) return f;
    return this.values[this.view.getUint32(addr, true)];
  }

  private loadSlice(addr: number): unknown[] {
    const ptr = this.getInt64(addr);
    const len = this.getInt64(addr + 8);
    const out = new Array(len);
    for (let i = 0; i < len; i++) out[i] = this.load(ptr + i * 8);
    return out;
  }

  private store(addr: number, v: unknown) {
    if (typeof v === "number" && v !== 0) {
      if (isNaN(v)) {
        this.view.setUint32(addr + 4, NAN_HEAD, true);
        this.view.setUint32(addr, 0, true);
      } else {
        this.view.setFloat64(addr, v, true);
      }
      return;
    }
    if (v === undefined) {
      this.view.setFloat64(addr, 0, true);
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
    this.view.setUint32(addr + 4, NAN_HEAD | flag, true);
    this.view.setUint32(addr, id, true);
  }

  // Counts JS memory Go now holds; past the mark, asks Go (patched by
  // buildwasm) to collect at its next safe point, by setting a flag in its
  // memory: Go checks it whenever a JS value comes in.
  private hold(bytes: number) {
    this.heldBytes += bytes;
    const flag = this.goObject._gcRequest;
    if (flag === undefined) return;
    if (this.gcMark === Infinity && this.view.getUint32(flag, true) === 0) {
      this.gcMark = Math.max(GC_MIN_MARK, 2 * this.heldBytes); // Go has collected
    }
    if (this.heldBytes > this.gcMark) {
      this.view.setUint32(flag, 1, true);
      this.gcMark = Infinity;
    }
  }

  // Runs JS that may call back into Go and returns the stack pointer to use
  // for writing results afterwards.
  private callOut<T>(sp: number, fn: () => T): [T, number] {
    const before = this.entries;
    const result = fn();
    return [result, this.entries === before ? sp : this.exports.getsp() >>> 0];
  }

  private get(target: unknown, key: string): unknown {
    if (target === globalThis && Object.hasOwn(this.overrides, key)) {
      const value = this.overrides[key];
      if (value instanceof Unavailable) throw new Error(value.why);
      return value;
    }
    return Reflect.get(target as object, key);
  }

  // --- the import object ------------------------------------------------------

  imports(): Record<string, Function> {
    const v = (sp: number) => sp >>> 0;
    return {
      "runtime.wasmExit": (sp: number) => {
        this.exit(this.view.getInt32(v(sp) + 8, true));
      },
      "runtime.wasmWrite": (sp: number) => {
        sp = v(sp);
        const fd = this.getInt64(sp + 8);
        const ptr = this.getInt64(sp + 16);
        const n = this.view.getInt32(sp + 24, true);
        const bytes = new Uint8Array(this.exports.mem.buffer, ptr, n);
        if (fd === 2) this.stderrTail = (this.stderrTail + decoder.decode(bytes)).slice(-STDERR_TAIL);
        if (fd === 2 && this.host.quiet) this.pendingStderr.push(bytes.slice());
        else this.host.write(fd, bytes);
      },
      "runtime.resetMemoryDataView": () => {
        this.view = new DataView(this.exports.mem.buffer);
      },
      "runtime.nanotime1": (sp: number) => {
        this.setInt64(v(sp) + 8, (this.timeOrigin + performance.now()) * 1e6);
      },
      "runtime.walltime": (sp: number) => {
        sp = v(sp);
        const ms = Date.now();
        this.setInt64(sp + 8, Math.floor(ms / 1000));
        this.view.setInt32(sp + 16, (ms % 1000) * 1e6, true);
      },
      "runtime.scheduleTimeoutEvent": (sp: number) => {
        sp = v(sp);
        const id = this.nextTimeout++;
        const ms = this.getInt64(sp + 8);
        this.view.setInt32(sp + 16, id, true);
        // Go may run on for a moment after dispose() was called from JS it
        // called; no timer may outlive the program.
        if (this.status) return;
        this.timeouts.set(
          id,
          setTimeout(() => {
            // A timer may fire a little before Go's clock says it is due; Go
            // then leaves the event registered and must be woken again.
            while (this.timeouts.has(id) && !this.status) this.resume();
          }, ms),
        );
      },
      "runtime.clearTimeoutEvent": (sp: number) => {
        const id = this.view.getInt32(v(sp) + 8, true);
        clearTimeout(this.timeouts.get(id));
        this.timeouts.delete(id);
      },
      "runtime.getRandomData": (sp: number) => {
        const buf = this.bytes(v(sp) + 8);
        // getRandomValues fills at most 64 KiB per call.
        for (let i = 0; i < buf.length; i += 65536) crypto.getRandomValues(buf.subarray(i, i + 65536));
      },
      "syscall/js.finalizeRef": (sp: number) => {
        const id = this.view.getUint32(v(sp) + 8, true);
        if (--this.refCounts[id] === 0) {
          const value = this.values[id];
          this.values[id] = undefined;
          this.ids.delete(value);
          this.freeIds.push(id);
          this.heldBytes -= this.weights[id];
          this.weights[id] = 0;
        }
      },
      "syscall/js.stringVal": (sp: number) => {
        sp = v(sp);
        this.store(sp + 24, this.string(sp + 8));
      },
      "syscall/js.valueGet": (sp: number) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => this.get(this.load(sp + 8), this.string(sp + 16)));
        this.store(at + 32, result);
      },
      "syscall/js.valueSet": (sp: number) => {
        sp = v(sp);
        Reflect.set(this.load(sp + 8) as object, this.string(sp + 16), this.load(sp + 32));
      },
      "syscall/js.valueDelete": (sp: number) => {
        sp = v(sp);
        Reflect.deleteProperty(this.load(sp + 8) as object, this.string(sp + 16));
      },
      "syscall/js.valueIndex": (sp: number) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => Reflect.get(this.load(sp + 8) as object, this.getInt64(sp + 16)));
        this.store(at + 24, result);
      },
      "syscall/js.valueSetIndex": (sp: number) => {
        sp = v(sp);
        Reflect.set(this.load(sp + 8) as object, this.getInt64(sp + 16), this.load(sp + 24));
      },
      "syscall/js.valueCall": (sp: number) => {
        sp = v(sp);
        const target = this.load(sp + 8);
        const name = this.string(sp + 16);
        const args = this.loadSlice(sp + 32);
        this.storeOutcome(sp, 56, () => Reflect.apply(this.get(target, name) as Function, target, args));
      },
      "syscall/js.valueInvoke": (sp: number) => {
        sp = v(sp);
        const fn = this.load(sp + 8) as Function;
        const args = this.loadSlice(sp + 16);
        this.storeOutcome(sp, 40, () => Reflect.apply(fn, undefined, args));
      },
      "syscall/js.valueNew": (sp: number) => {
        sp = v(sp);
        const ctor = this.load(sp + 8) as Function;
        const args = this.loadSlice(sp + 16);
        this.storeOutcome(sp, 40, () => Reflect.construct(ctor, args));
      },
      "syscall/js.valueLength": (sp: number) => {
        sp = v(sp);
        this.setInt64(sp + 16, Number((this.load(sp + 8) as ArrayLike<unknown>).length));
      },
      "syscall/js.valuePrepareString": (sp: number) => {
        sp = v(sp);
        const bytes = encoder.encode(String(this.load(sp + 8)));
        this.store(sp + 16, bytes);
        this.setInt64(sp + 24, bytes.length);
      },
      "syscall/js.valueLoadString": (sp: number) => {
        sp = v(sp);
        this.bytes(sp + 16).set(this.load(sp + 8) as Uint8Array);
      },
      "syscall/js.valueInstanceOf": (sp: number) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => (this.load(sp + 8) as object) instanceof (this.load(sp + 16) as Function));
        this.view.setUint8(at + 24, result ? 1 : 0);
      },
      "syscall/js.copyBytesToGo": (sp: number) => {
        sp = v(sp);
        this.copyBytes(sp, this.load(sp + 32), this.bytes(sp + 8), true);
      },
      "syscall/js.copyBytesToJS": (sp: number) => {
        sp = v(sp);
        this.copyBytes(sp, this.load(sp + 8), this.bytes(sp + 16), false);
      },
      debug: (value: unknown) => {
        console.log(value);
      },
    };
  }

  // valueCall, valueInvoke and valueNew end alike: a result ref at `at` and
  // an ok byte after it; a JS exception becomes the result with ok = 0.
  private storeOutcome(sp: number, at: number, fn: () => unknown) {
    let result: unknown;
    let ok = 1;
    const [, after] = this.callOut(sp, () => {
      try {
        result = fn();
      } catch (err) {
        // After a crash below, Go must not go on: let it unwind.
        if (this.status) throw err;
        result = err;
        ok = 0;
      }
    });
    this.store(after + at, result);
    this.view.setUint8(after + at + 8, ok);
  }

  // copyBytesToGo and copyBytesToJS: (int, bool) at sp+40; only byte arrays qualify.
  private copyBytes(sp: number, js: unknown, go: Uint8Array, toGo: boolean) {
    if (!(js instanceof Uint8Array || js instanceof Uint8ClampedArray)) {
      this.view.setUint8(sp + 48, 0);
      return;
    }
    const n = Math.min(js.length, go.length);
    if (toGo) go.set(js.subarray(0, n));
    else js.set(go.subarray(0, n));
    this.setInt64(sp + 40, n);
    this.view.setUint8(sp + 48, 1);
  }
}
