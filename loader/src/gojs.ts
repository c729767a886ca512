// Our implementation of the `gojs` import module: the contract between a Go
// js/wasm program (runtime and syscall/js) and its host.
//
// Every gojs import takes one argument, the Go stack pointer `sp`. Arguments
// are laid out from sp+8 as Go's ABI0 lays out a frame: int64/ref take 8
// bytes, strings 16 (ptr, len), slices 24 (ptr, len, cap), results follow the
// arguments. Any import that runs JS which may call back into Go must re-read
// sp afterwards, because Go may have grown (moved) its stack meanwhile.

import type { Bridge } from "./bridge.js";
import type { Memory } from "./memory.js";
import { encoder, writeUTF8 } from "./utf8.js";


/** The gojs imports of the program `bridge` runs. */
export function gojsImports(bridge: Bridge): Record<string, Function> {
  const { mem, table, timers } = bridge;
  const v = (sp: number) => sp >>> 0;
  // The runtime reads the clock two or three times a js.Func call. In a page the
  // global `performance` is a getter of the window that costs more than
  // now() itself: 440–1,040 ns a read in Chromium, against 80–150 ns with
  // the object held here.
  const now = performance.now.bind(performance);
  return {
    "runtime.wasmExit": (sp: number) => {
      bridge.exit(mem.view.getInt32(v(sp) + 8, true));
    },
    "runtime.wasmWrite": (sp: number) => {
      sp = v(sp);
      const fd = mem.getInt64(sp + 8);
      const ptr = mem.getInt64(sp + 16);
      const n = mem.view.getInt32(sp + 24, true);
      bridge.stderr.write(fd, new Uint8Array(mem.buffer, ptr, n));
    },
    "runtime.resetMemoryDataView": () => {
      mem.refresh();
    },
    "runtime.nanotime1": (sp: number) => {
      mem.setInt64(v(sp) + 8, (bridge.timeOrigin + now()) * 1e6);
    },
    "runtime.walltime": (sp: number) => {
      sp = v(sp);
      const ms = Date.now();
      mem.setInt64(sp + 8, Math.floor(ms / 1000));
      mem.view.setInt32(sp + 16, (ms % 1000) * 1e6, true);
    },
    "runtime.scheduleTimeoutEvent": (sp: number) => {
      sp = v(sp);
      const id = timers.next();
      const ms = mem.getInt64(sp + 8);
      mem.view.setInt32(sp + 16, id, true);
      // Go may run on for a moment after dispose() was called from JS it
      // called; no timer may outlive the program.
      if (bridge.status) return;
      timers.set(id, ms, () => {
        // A timer may fire a little before Go's clock says it is due; Go
        // then leaves the event registered and must be woken again.
        while (timers.has(id) && !bridge.status) bridge.resume();
      });
    },
    "runtime.clearTimeoutEvent": (sp: number) => {
      timers.clear(mem.view.getInt32(v(sp) + 8, true));
    },
    "runtime.getRandomData": (sp: number) => {
      const buf = mem.bytes(v(sp) + 8);
      // getRandomValues fills at most 64 KiB per call.
      for (let i = 0; i < buf.length; i += 65536) crypto.getRandomValues(buf.subarray(i, i + 65536));
    },
    "syscall/js.finalizeRef": (sp: number) => {
      table.finalize(mem.view.getUint32(v(sp) + 8, true));
    },
    "syscall/js.stringVal": (sp: number) => {
      sp = v(sp);
      table.store(sp + 24, mem.string(sp + 8));
    },
    "syscall/js.valueGet": (sp: number) => {
      sp = v(sp);
      const before = bridge.entered;
      const result = bridge.get(table.load(sp + 8), mem.string(sp + 16));
      table.store(bridge.spAfter(sp, before) + 32, result);
    },
    "syscall/js.valueSet": (sp: number) => {
      sp = v(sp);
      Reflect.set(table.load(sp + 8) as object, mem.string(sp + 16), table.load(sp + 32));
    },
    "syscall/js.valueDelete": (sp: number) => {
      sp = v(sp);
      Reflect.deleteProperty(table.load(sp + 8) as object, mem.string(sp + 16));
    },
    "syscall/js.valueIndex": (sp: number) => {
      sp = v(sp);
      const before = bridge.entered;
      const result = Reflect.get(table.load(sp + 8) as object, mem.getInt64(sp + 16));
      table.store(bridge.spAfter(sp, before) + 24, result);
    },
    "syscall/js.valueSetIndex": (sp: number) => {
      sp = v(sp);
      Reflect.set(table.load(sp + 8) as object, mem.getInt64(sp + 16), table.load(sp + 24));
    },
    "syscall/js.valueCall": (sp: number) => {
      sp = v(sp);
      const target = table.load(sp + 8);
      const name = mem.string(sp + 16);
      const args = table.loadSlice(sp + 32);
      storeOutcome(bridge, sp, 56, Op.Call, target, name, args);
    },
    "syscall/js.valueInvoke": (sp: number) => {
      sp = v(sp);
      const fn = table.load(sp + 8) as Function;
      const args = table.loadSlice(sp + 16);
      storeOutcome(bridge, sp, 40, Op.Invoke, fn, "", args);
    },
    "syscall/js.valueNew": (sp: number) => {
      sp = v(sp);
      const ctor = table.load(sp + 8) as Function;
      const args = table.loadSlice(sp + 16);
      storeOutcome(bridge, sp, 40, Op.New, ctor, "", args);
    },
    "syscall/js.valueLength": (sp: number) => {
      sp = v(sp);
      mem.setInt64(sp + 16, Number((table.load(sp + 8) as ArrayLike<unknown>).length));
    },
    "syscall/js.valuePrepareString": (sp: number) => {
      sp = v(sp);
      const bytes = encoder.encode(String(table.load(sp + 8)));
      table.store(sp + 16, bytes);
      mem.setInt64(sp + 24, bytes.length);
    },
    "syscall/js.valueLoadString": (sp: number) => {
      sp = v(sp);
      mem.bytes(sp + 16).set(table.load(sp + 8) as Uint8Array);
    },
    "syscall/js.valueInstanceOf": (sp: number) => {
      sp = v(sp);
      const before = bridge.entered;
      const result = (table.load(sp + 8) as object) instanceof (table.load(sp + 16) as Function);
      mem.view.setUint8(bridge.spAfter(sp, before) + 24, result ? 1 : 0);
    },
    "syscall/js.copyBytesToGo": (sp: number) => {
      sp = v(sp);
      copyBytes(mem, sp, table.load(sp + 32), mem.bytes(sp + 8), true);
    },
    "syscall/js.copyBytesToJS": (sp: number) => {
      sp = v(sp);
      copyBytes(mem, sp, table.load(sp + 8), mem.bytes(sp + 16), false);
    },
    debug: (value: unknown) => {
      console.log(value);
    },
  };
}

// What valueCall, valueInvoke and valueNew do with their target.
const enum Op {
  Call,
  Invoke,
  New,
}

// valueCall, valueInvoke and valueNew end alike: a result ref at `at` and
// an ok byte after it; a JS exception becomes the result with ok = 0.
// No closure: they run on every Value.Call.
function storeOutcome(bridge: Bridge, sp: number, at: number, op: Op, target: unknown, name: string, args: unknown[]) {
  let result: unknown;
  let ok = 1;
  const before = bridge.entered;
  try {
    if (op === Op.Call) result = Reflect.apply(bridge.get(target, name) as Function, target, args);
    else if (op === Op.Invoke) result = Reflect.apply(target as Function, undefined, args);
    else result = Reflect.construct(target as Function, args);
  } catch (err) {
    // After a crash below, Go must not go on: let it unwind.
    if (bridge.status) throw err;
    result = err;
    ok = 0;
  }
  const after = bridge.spAfter(sp, before);
  bridge.table.store(after + at, result);
  bridge.mem.view.setUint8(after + at + 8, ok);
}

// copyBytesToGo and copyBytesToJS: (int, bool) at sp+40; only byte arrays qualify.
function copyBytes(mem: Memory, sp: number, js: unknown, go: Uint8Array, toGo: boolean) {
  if (!(js instanceof Uint8Array || js instanceof Uint8ClampedArray)) {
    mem.view.setUint8(sp + 48, 0);
    return;
  }
  const n = Math.min(js.length, go.length);
  if (toGo) go.set(js.subarray(0, n));
  else js.set(go.subarray(0, n));
  mem.setInt64(sp + 40, n);
  mem.view.setUint8(sp + 48, 1);
}

/**
 * The imports of the patched syscall/js beyond the stock gojs ones, with
 * wasm parameters and results of their own (not the stack of gojs).
 */
export function buildwasmImports(bridge: Bridge) {
  const { mem, table } = bridge;
  // The bytes of a long string, between stringInto's two calls.
  let pending: Uint8Array | undefined;
  return {
    /** jsString (buildwasm_strings.go): the value whose ref is at v, as UTF-8 into n bytes at p. */
    stringInto(v: number, p: number, n: number): number {
      if (pending) {
        const bytes = pending;
        pending = undefined;
        mem.u8.set(bytes, p >>> 0);
        return bytes.length;
      }
      const s = String(table.load(v >>> 0));
      if (3 * s.length <= n) return writeUTF8(mem.u8, p >>> 0, s);
      pending = encoder.encode(s);
      return -pending.length;
    },
  };
}
