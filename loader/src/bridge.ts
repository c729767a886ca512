// One Go program's side of the host: it starts main, counts and guards
// every entry into Go, and sees the program end (exit, crash or dispose),
// after which it lets go of everything the program held. It owns the
// object Go knows as jsGo, through which events and the patched syscall/js's
// hooks (leak tracking, GC requests, stats) pass. The gojs imports
// themselves are in gojs.ts.

import { EVENT_ARGS, EventWord, type Event, type GoObject, type PanicRecord } from "./contract.js";
import { GoExitedError, callerFrames, panicError, type ExitStatus } from "./errors.js";
import type { Host } from "./host.js";
import { LeakTracker } from "./leaks.js";
import { Memory } from "./memory.js";
import { StderrCapture } from "./stderr.js";
import { Timers } from "./timers.js";
import { ValueTable } from "./values.js";

/**
 * A name on the global object that the program must not use where it runs
 * (document in a worker): reading it throws an Error saying why, which the
 * program sees as a panic.
 */
export class Unavailable {
  constructor(readonly why: string) {}
}

// The exit code of a program stopped by dispose().
export const DISPOSED = -1;

// The exit code of a program killed by a trap or a JS exception, as Go
// exits after a fatal panic.
export const CRASHED = 2;

export interface Exports {
  run(argc: number, argv: number): void;
  resume(): void;
  getsp(): number;
  mem: WebAssembly.Memory;
  [name: string]: unknown;
}

export class Bridge {
  exports!: Exports;
  status: ExitStatus | undefined;
  /** Resolves once the program has exited. */
  readonly exited: Promise<ExitStatus>;
  private resolveExited!: (s: ExitStatus) => void;

  readonly mem = new Memory();
  readonly table: ValueTable;
  readonly timers = new Timers();
  readonly stderr: StderrCapture;
  // Counts entries into Go; an import compares it before and after running JS
  // to know whether sp may have moved.
  private entries = 0;
  // How many calls into Go are on the JS stack right now.
  private depth = 0;
  private readonly goObject: GoObject;
  private readonly overrides: Record<string, unknown>;
  /** The wall clock's time at performance.now()'s origin. */
  readonly timeOrigin = Date.now() - performance.now();

  // What else holds the instance (typed exports' calls), let go with it.
  private readonly releasers: (() => void)[] = [];

  /** Leak tracking, made when a leak-tracking build makes its first Func. */
  leaks: LeakTracker | undefined;

  /**
   * `extra` are more names served per instance on the global object;
   * `symbolize` names the wasm frames of an error that killed the program;
   * `autoRelease` releases Funcs found leaked.
   */
  constructor(
    host: Host,
    extra: Record<string, unknown> = {},
    private readonly symbolize: (err: unknown) => Promise<void> = async () => {},
    private readonly autoRelease = false,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    this.stderr = new StderrCapture(host);
    const bridge = this;
    this.goObject = {
      // Go's own syscall/js tests read the value table's size from here.
      get _values() {
        return bridge.table.values;
      },
      _pendingEvent: null,
      _makeFuncWrapper(id: number, site?: number) {
        const wrapper = function goFunc(this: unknown, ...args: unknown[]) {
          const at = bridge.goObject._eventIn;
          if (at !== undefined && args.length <= EVENT_ARGS && !bridge.status) return bridge.callInMemory(at, id, this, args, goFunc);
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
    this.table = new ValueTable(
      this.mem,
      this.goObject,
      () => this.goObject._gcRequest,
      () => this.goObject._heavyRefs,
    );
  }

  /** Starts the program: main runs until it exits or first waits for an event. */
  run(instance: WebAssembly.Instance, args: string[], env: Record<string, string>) {
    this.exports = instance.exports as unknown as Exports;
    this.mem.attach(this.exports.mem);
    const argv = this.mem.writeArgs(args, env);
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
    const ptr = this.mem.view.getUint32(at, true);
    const len = this.mem.getInt64(at + 8);
    const ids: number[] = [];
    for (let i = 0; i < len; i++) ids.push(this.mem.view.getUint32(ptr + 4 * i, true));
    if (len) this.mem.setInt64(at + 8, 0);
    return ids;
  }

  /** Number of JS values Go holds refs to (the fixed ones not counted). */
  liveRefs(): number {
    return this.table.live();
  }

  /** Go's side of the census, if the program is patched for it and alive. */
  goStats(): { goHeap: number; goFuncs: number } | undefined {
    return !this.status && this.depth === 0 ? this.goObject._stats?.() : undefined;
  }

  /** Lets async typed exports hear of their outcomes: Go calls jsGo._exportSettle(seq). */
  set exportSettle(fn: (seq: number) => void) {
    this.goObject._exportSettle = fn;
  }

  /** Where typed exports leave their outcome (exportOut), once the program has started. */
  get exportOut(): number | undefined {
    return this.goObject._exportOut;
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

  /**
   * Calls js.Func id through the patched syscall/js's eventIn at `at`
   * (contract.ts, EventWord) instead of an event object: Go reads this and
   * the arguments, and leaves the outcome, in memory.
   */
  callInMemory(at: number, id: number, self: unknown, args: unknown[], fn: Function): unknown {
    const table = this.table;
    table.store(at + 8 * EventWord.This, self);
    for (let i = 0; i < args.length; i++) table.store(at + 8 * (EventWord.Args + i), args[i]);
    let view = this.mem.view;
    view.setUint32(at + 8 * EventWord.Count, args.length, true);
    view.setUint32(at + 4, id, true);
    view.setUint32(at, 1, true);
    this.resume();
    if (this.status) {
      // The program died during this call: its caller must not take
      // undefined for a result. A clean exit just returns.
      if (this.status.code !== 0) throw new GoExitedError(this.status);
      return undefined;
    }
    view = this.mem.view;
    const out = table.load(at + 8 * EventWord.Out);
    if (view.getUint32(at + 8 * EventWord.Count + 4, true) !== 0) throw panicError(out as PanicRecord, callerFrames(fn));
    return out;
  }

  /** Called when the host knows no event can ever arrive: Go reports its deadlock and exits. */
  reportDeadlock() {
    if (this.status) return;
    this.goObject._pendingEvent = { id: 0, this: undefined, args: [] };
    this.resume();
  }

  /** Calls the //go:wasmexport function `name`. */
  call(name: string, args: unknown[]): unknown {
    this.checkAlive(); // an ended program has no exports left to look in
    return this.invoke(this.exports[name] as Function, args);
  }

  /**
   * Calls fn, an export of the module, with args: every entry into Go goes
   * through here, counted and guarded. No closure or spread, as typed
   * exports call it for every call.
   */
  invoke(fn: Function, args: unknown[]): unknown {
    this.checkAlive();
    this.entries++;
    this.depth++;
    try {
      switch (args.length) {
        case 0:
          return fn();
        case 1:
          return fn(args[0]);
        case 2:
          return fn(args[0], args[1]);
        case 3:
          return fn(args[0], args[1], args[2]);
        case 4:
          return fn(args[0], args[1], args[2], args[3]);
        case 5:
          return fn(args[0], args[1], args[2], args[3], args[4]);
        default:
          return Reflect.apply(fn, undefined, args);
      }
    } catch (err) {
      // A trap (unreachable, out of bounds, stack overflow) or a JS
      // exception unwound through Go. Go's stacks are lost with it, so the
      // program is dead. The caller gets the error; exited does too, once
      // its wasm frames are named.
      if (!this.status) this.crash(err);
      throw err;
    } finally {
      if (--this.depth === 0) this.afterGo();
    }
  }

  /** Runs fn when the program is let go, once it has ended and Go has returned to JS. */
  onRelease(fn: () => void) {
    this.releasers.push(fn);
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
    this.invoke(fn, []);
  }

  // Runs when Go has returned to JS: releases an exited program, once what
  // the runtime wrote to stderr is shown.
  private afterGo() {
    this.stderr.flush(this.status);
    if (this.status) this.release();
  }

  private crash(err: unknown) {
    const status = { code: CRASHED, error: err instanceof Error ? err : new Error(String(err)) };
    this.status = status;
    this.timers.stop();
    this.symbolize(err).finally(() => this.resolveExited(status));
  }

  /** runtime.wasmExit, and dispose(): the program ends with this code. */
  exit(code: number) {
    const error = code === 0 || code === DISPOSED ? undefined : this.stderr.error();
    this.end(error ? { code, error } : { code });
  }

  /**
   * Ends a program that Go cannot carry on (a typed export that blocked):
   * Go is left where it paused, and no timer or event may wake it again.
   */
  fail(error: Error) {
    if (!this.status) this.end({ code: CRASHED, error });
  }

  private end(status: ExitStatus) {
    this.status = status;
    this.timers.stop();
    if (this.depth === 0) this.afterGo();
    this.resolveExited(status);
  }

  // Drops every JS value Go held and the instance itself, so an exited
  // program pins nothing. Runs once Go has returned to JS.
  private release() {
    for (const fn of this.releasers.splice(0)) fn();
    this.table.clear();
    this.goObject._pendingEvent = null;
    this.exports = undefined!;
    this.mem.detach();
  }

  /**
   * How many times JS has entered Go: an import that runs JS which may
   * call back into Go (a getter, a method) takes it before, and spAfter
   * after. No closure or tuple, as Value.Get and Index run it every call.
   */
  get entered(): number {
    return this.entries;
  }

  /** The stack pointer to write results at, sp before JS ran: Go's stack moves if JS called back into Go since `before`. */
  spAfter(sp: number, before: number): number {
    return this.entries === before ? sp : this.exports.getsp() >>> 0;
  }

  /** A property as the program reads it: on the global object, this instance's own names first. */
  get(target: unknown, key: string): unknown {
    if (target === globalThis && Object.hasOwn(this.overrides, key)) {
      const value = this.overrides[key];
      if (value instanceof Unavailable) throw new Error(value.why);
      return value;
    }
    return Reflect.get(target as object, key);
  }
}
