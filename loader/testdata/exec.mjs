// buildwasm-loader:errors.ts
var GoPanicError = class extends Error {
  name = "GoPanicError";
  goStack = [];
};
var GoFatalError = class extends Error {
  name = "GoFatalError";
  goStack = [];
};
var GoExitedError = class extends Error {
  name = "GoExitedError";
  /** The program's exit code. */
  code;
  constructor(status) {
    const why = status.error ? `: ${status.error.message}` : "";
    const what = status.code === -1 ? "Go program was stopped by dispose()" : `Go program has exited with code ${status.code}${why}`;
    super(what, status.error ? { cause: status.error } : void 0);
    this.code = status.code;
  }
};
function publishedFile(file2, func) {
  if (!file2.startsWith("/")) return file2;
  const mod = file2.indexOf("/pkg/mod/");
  if (mod >= 0) return file2.slice(mod + "/pkg/mod/".length);
  const slash = func.lastIndexOf("/");
  const pkg = func.slice(0, slash + 1) + func.slice(slash + 1).split(".")[0];
  const at = file2.lastIndexOf(`/src/${pkg}/`);
  return !pkg.split("/")[0].includes(".") && pkg !== "main" && at >= 0 ? `$GOROOT${file2.slice(at)}` : file2;
}
function goError(kind, message, frames, jsFrames = "", cause) {
  const err = new kind(message, cause === void 0 ? void 0 : { cause });
  err.goStack = frames.map((f) => ({ ...f, file: publishedFile(f.file, f.func) }));
  const lines = err.goStack.map((f) => `    at ${f.func} (${f.file}:${f.line})`);
  err.stack = [`${err.name}: ${message}`, ...lines, ...jsFrames ? [jsFrames] : []].join("\n");
  return err;
}
function panicError(rec, jsFrames) {
  const frames = rec.goStack.map(([func, file2, line]) => ({ func, file: file2, line }));
  return goError(GoPanicError, rec.message, frames, jsFrames, rec.jsError);
}
function errorFromTraceback(text) {
  const start2 = text.search(/^(panic: |fatal error: )/m);
  if (start2 < 0) return void 0;
  let head = text.slice(start2);
  let dump = "";
  const at = head.search(/\n\n(goroutine \d+|runtime stack:)/);
  if (at >= 0) {
    dump = head.slice(at + 2);
    head = head.slice(0, at);
  }
  head = head.replace(/\n+$/, "");
  const fatal = head.startsWith("fatal error: ") || head.startsWith("panic: buildwasm: runtime.Goexit");
  const message = head.replace(/^(fatal error|panic): /, "");
  return goError(fatal ? GoFatalError : GoPanicError, message, tracebackFrames(dump));
}
function tracebackFrames(dump) {
  const block = dump.split("\n\n")[0].split("\n").slice(1);
  const frames = [];
  for (let i = 0; i + 1 < block.length; i += 2) {
    const fn = block[i].replace(/\(.*\)$/, "");
    const pos = /^\t(.*):(\d+)(?: \+0x[0-9a-f]+)?$/.exec(block[i + 1]);
    if (!pos || fn.startsWith("created by ")) break;
    if (fn === "panic" || fn.startsWith("runtime.")) continue;
    if (fn.startsWith("syscall/js.")) {
      if (frames.length > 0) break;
      continue;
    }
    frames.push({ func: fn, file: pos[1], line: Number(pos[2]) });
  }
  return frames;
}

// buildwasm-loader:leaks.ts
var WARN_EVERY_MS = 1e4;
var LeakTracker = class {
  /** `drainReleased` returns the ids Go released since it was last called. */
  constructor(release, drainReleased, warn = (m) => console.warn(m)) {
    this.release = release;
    this.drainReleased = drainReleased;
    this.warn = warn;
  }
  release;
  drainReleased;
  warn;
  sites = /* @__PURE__ */ new Map();
  // unreleased Funcs by id
  leaks = /* @__PURE__ */ new Map();
  warned = /* @__PURE__ */ new Map();
  registry = new FinalizationRegistry((id) => this.collected(id));
  forgetReleased() {
    for (const id of this.drainReleased()) this.sites.delete(id);
  }
  siteNames = /* @__PURE__ */ new Map();
  /** Go names a site number once: "func\0file:line". */
  name(site, name) {
    this.siteNames.set(site, name);
  }
  /** Called for each new Func wrapper, with the number of its site. */
  track(wrapper, id, site) {
    this.forgetReleased();
    const name = this.siteNames.get(site);
    if (name === void 0) return;
    this.sites.set(id, name);
    this.registry.register(wrapper, id);
  }
  report() {
    return [...this.leaks.values()].map((l) => ({ ...l }));
  }
  /** Unreleased Funcs whose wrappers are still alive, by site. */
  live() {
    this.forgetReleased();
    const out = {};
    for (const site of this.sites.values()) {
      const where = site.split("\0")[1];
      out[where] = (out[where] ?? 0) + 1;
    }
    return out;
  }
  // Live counts by site after each settled GC, newest last: what a
  // FinalizationRegistry cannot see (cycles that keep a Func alive).
  history = [];
  /** Records a census after a GC; returns the sites that grew at each of the last three. */
  census() {
    this.history.push(this.live());
    if (this.history.length > 4) this.history.shift();
    if (this.history.length < 4) return [];
    const [a, b, c, d] = this.history;
    return Object.keys(d).filter((s) => (a[s] ?? 0) < (b[s] ?? 0) && (b[s] ?? 0) < (c[s] ?? 0) && (c[s] ?? 0) < d[s]);
  }
  // Runs as a JS task of its own, never inside a call from Go, so calling
  // into Go to release is allowed here.
  collected(id) {
    this.forgetReleased();
    const site = this.sites.get(id);
    if (site === void 0) return;
    this.sites.delete(id);
    const [func, where] = site.split("\0");
    let leak = this.leaks.get(where);
    if (!leak) this.leaks.set(where, leak = { site: where, func, count: 0 });
    leak.count++;
    if (this.release) this.release(id);
    const now = Date.now();
    if (now - (this.warned.get(where) ?? -Infinity) >= WARN_EVERY_MS) {
      this.warned.set(where, now);
      queueMicrotask(() => {
        const n = this.leaks.get(where).count;
        this.warn(`buildwasm: ${n} js.Func${n === 1 ? "" : "s"} made at ${where} (${func}) became unreachable without Release: they can never be called again, and their closures stay in memory. Call Release when done with a Func${this.release ? " (autoRelease released these)" : ""}.`);
      });
    }
  }
};

// buildwasm-loader:abi.ts
var NAN_HEAD = 2146959360;
var FLAG_OBJECT = 1;
var FLAG_STRING = 2;
var FLAG_SYMBOL = 3;
var FLAG_FUNCTION = 4;
var Unavailable = class {
  constructor(why) {
    this.why = why;
  }
  why;
};
var PREDEFINED = 7;
var STDERR_TAIL = 64 * 1024;
var GC_MIN_MARK = 8 << 20;
var DISPOSED = -1;
var CRASHED = 2;
var ARGS_START = 4096;
var ARGS_END = 4096 + 8192;
function callerFrames(fn) {
  const holder = {};
  const capture = Error.captureStackTrace;
  if (capture) capture(holder, fn);
  else holder.stack = new Error().stack;
  return (holder.stack ?? "").split("\n").slice(1).join("\n");
}
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8");
var Bridge = class {
  /**
   * `extra` are more names served per instance on the global object;
   * `symbolize` names the wasm frames of an error that killed the program;
   * `autoRelease` releases Funcs found leaked.
   */
  constructor(host, extra = {}, symbolize = async () => {
  }, autoRelease = false) {
    this.host = host;
    this.symbolize = symbolize;
    this.autoRelease = autoRelease;
    this.exited = new Promise((resolve2) => this.resolveExited = resolve2);
    const bridge = this;
    this.goObject = {
      // Go's own syscall/js tests read the value table's size from here.
      get _values() {
        return bridge.values;
      },
      _pendingEvent: null,
      _makeFuncWrapper(id, site) {
        const wrapper = function goFunc(...args2) {
          const event = { id, this: this, args: args2 };
          bridge.goObject._pendingEvent = event;
          bridge.resume();
          if (event.panic) throw panicError(event.panic, callerFrames(goFunc));
          if (bridge.status && bridge.status.code !== 0) throw new GoExitedError(bridge.status);
          return event.result;
        };
        if (site) bridge.leakTracker().track(wrapper, id, site);
        return wrapper;
      },
      _funcSite(site, name) {
        bridge.leakTracker().name(site, name);
      }
    };
    this.overrides = { fs: host.fs, process: host.process, path: host.path, ...extra };
    this.values = [NaN, 0, null, true, false, globalThis, this.goObject];
    this.refCounts = new Array(PREDEFINED).fill(Infinity);
    this.ids = /* @__PURE__ */ new Map([
      [0, 1],
      [null, 2],
      [true, 3],
      [false, 4],
      [globalThis, 5],
      [this.goObject, 6]
    ]);
  }
  host;
  symbolize;
  autoRelease;
  exports;
  status;
  /** Resolves once the program has exited. */
  exited;
  resolveExited;
  view;
  values;
  refCounts;
  ids;
  freeIds = [];
  // JS memory that only Go's GC can release: bytes of the ArrayBuffers
  // (and views' buffers) in the value table, by id and in all, and the mark
  // past which Go is asked to collect.
  weights = [];
  heldBytes = 0;
  gcMark = GC_MIN_MARK;
  // Counts entries into Go; an import compares it before and after running JS
  // to know whether sp may have moved.
  entries = 0;
  // How many calls into Go are on the JS stack right now.
  depth = 0;
  timeouts = /* @__PURE__ */ new Map();
  nextTimeout = 1;
  stderrTail = "";
  // The runtime's own stderr writes since Go was entered, held back by a
  // quiet host until it is known whether they report a fatal error.
  pendingStderr = [];
  reported = false;
  goObject;
  overrides;
  timeOrigin = Date.now() - performance.now();
  /** Leak tracking, made when a leak-tracking build makes its first Func. */
  leaks;
  /** Starts the program: main runs until it exits or first waits for an event. */
  run(instance, args2, env) {
    this.exports = instance.exports;
    this.view = new DataView(this.exports.mem.buffer);
    const strings = [...args2, ...Object.keys(env).sort().map((key) => `${key}=${env[key]}`)].map((s) => encoder.encode(s + "\0"));
    const room = (n) => n + (8 - n % 8) % 8;
    const needed = strings.reduce((sum, b) => sum + room(b.length), 0) + (strings.length + 2) * 8;
    if (needed > ARGS_END - ARGS_START) {
      const [largest] = Object.entries(env).sort((a, b) => b[1].length - a[1].length);
      const which = largest ? `; the largest environment variable is ${largest[0]} (${encoder.encode(largest[1]).length} bytes)` : "";
      throw new Error(`the command line and environment take ${needed} bytes, and Go's js/wasm start-up has room for ${ARGS_END - ARGS_START}${which}`);
    }
    let offset = ARGS_START;
    const pointers = [];
    const put = (bytes) => {
      new Uint8Array(this.exports.mem.buffer, offset, bytes.length).set(bytes);
      pointers.push(offset);
      offset += room(bytes.length);
    };
    strings.slice(0, args2.length).forEach(put);
    pointers.push(0);
    strings.slice(args2.length).forEach(put);
    pointers.push(0);
    const argv = offset;
    for (const p of pointers) {
      this.view.setUint32(offset, p, true);
      this.view.setUint32(offset + 4, 0, true);
      offset += 8;
    }
    this.enter(() => this.exports.run(args2.length, argv));
  }
  leakTracker() {
    if (!this.leaks) {
      const release = (id) => {
        if (!this.status) this.goObject._releaseFunc?.(id);
      };
      this.leaks = new LeakTracker(this.autoRelease ? release : void 0, () => this.drainReleased());
    }
    return this.leaks;
  }
  // Reads and empties Go's list of released Func ids (a []uint32 whose
  // header the patched syscall/js published): only while Go is not in the
  // middle of appending, which is always the case when JS runs.
  drainReleased() {
    const at = this.goObject._released;
    if (at === void 0 || this.status) return [];
    const ptr = this.view.getUint32(at, true);
    const len = this.getInt64(at + 8);
    const ids = [];
    for (let i = 0; i < len; i++) ids.push(this.view.getUint32(ptr + 4 * i, true));
    if (len) this.setInt64(at + 8, 0);
    return ids;
  }
  /** Number of JS values Go holds refs to (the fixed ones not counted). */
  liveRefs() {
    return Math.max(0, this.ids.size - (PREDEFINED - 1));
  }
  /** Go's side of the census, if the program is patched for it and alive. */
  goStats() {
    return !this.status && this.depth === 0 ? this.goObject._stats?.() : void 0;
  }
  /** Bytes of the program's linear memory. */
  memoryBytes() {
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
    this.goObject._pendingEvent = { id: 0, this: void 0, args: [] };
    this.resume();
  }
  /** Calls the //go:wasmexport function `name`. */
  call(name, args2) {
    let result;
    this.enter(() => result = this.exports[name](...args2));
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
  enter(fn) {
    this.checkAlive();
    this.entries++;
    this.depth++;
    try {
      fn();
    } catch (err) {
      if (!this.status) this.crash(err);
      throw err;
    } finally {
      if (--this.depth === 0) this.afterGo();
    }
  }
  // Runs when Go has returned to JS: releases an exited program, and shows
  // what the runtime wrote to stderr, unless it was the report of an error
  // that is shown whole instead.
  afterGo() {
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
  crash(err) {
    const status = { code: CRASHED, error: err instanceof Error ? err : new Error(String(err)) };
    this.status = status;
    this.stopTimers();
    this.symbolize(err).finally(() => this.resolveExited(status));
  }
  stopTimers() {
    for (const t of this.timeouts.values()) clearTimeout(t);
    this.timeouts.clear();
  }
  exit(code) {
    const error = code === 0 || code === DISPOSED ? void 0 : errorFromTraceback(this.stderrTail);
    this.status = error ? { code, error } : { code };
    this.stopTimers();
    if (this.depth === 0) this.afterGo();
    this.resolveExited(this.status);
  }
  // Drops every JS value Go held and the instance itself, so an exited
  // program pins nothing. Runs once Go has returned to JS.
  release() {
    this.values = [];
    this.ids.clear();
    this.refCounts = [];
    this.freeIds = [];
    this.weights = [];
    this.heldBytes = 0;
    this.goObject._pendingEvent = null;
    this.exports = void 0;
    this.view = void 0;
  }
  // --- memory helpers -----------------------------------------------------
  setInt64(addr, v) {
    this.view.setUint32(addr, v, true);
    this.view.setUint32(addr + 4, Math.floor(v / 4294967296), true);
  }
  getInt64(addr) {
    return this.view.getUint32(addr, true) + this.view.getInt32(addr + 4, true) * 4294967296;
  }
  bytes(addr) {
    const ptr = this.getInt64(addr);
    const len = this.getInt64(addr + 8);
    return new Uint8Array(this.exports.mem.buffer, ptr, len);
  }
  string(addr) {
    return decoder.decode(this.bytes(addr));
  }
  load(addr) {
    const f = this.view.getFloat64(addr, true);
    if (f === 0) return void 0;
    if (!isNaN(f)) return f;
    return this.values[this.view.getUint32(addr, true)];
  }
  loadSlice(addr) {
    const ptr = this.getInt64(addr);
    const len = this.getInt64(addr + 8);
    const out = new Array(len);
    for (let i = 0; i < len; i++) out[i] = this.load(ptr + i * 8);
    return out;
  }
  store(addr, v) {
    if (typeof v === "number" && v !== 0) {
      if (isNaN(v)) {
        this.view.setUint32(addr + 4, NAN_HEAD, true);
        this.view.setUint32(addr, 0, true);
      } else {
        this.view.setFloat64(addr, v, true);
      }
      return;
    }
    if (v === void 0) {
      this.view.setFloat64(addr, 0, true);
      return;
    }
    let id = this.ids.get(v);
    if (id === void 0) {
      id = this.freeIds.pop();
      if (id === void 0) id = this.values.length;
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
  hold(bytes) {
    this.heldBytes += bytes;
    const flag = this.goObject._gcRequest;
    if (flag === void 0) return;
    if (this.gcMark === Infinity && this.view.getUint32(flag, true) === 0) {
      this.gcMark = Math.max(GC_MIN_MARK, 2 * this.heldBytes);
    }
    if (this.heldBytes > this.gcMark) {
      this.view.setUint32(flag, 1, true);
      this.gcMark = Infinity;
    }
  }
  // Runs JS that may call back into Go and returns the stack pointer to use
  // for writing results afterwards.
  callOut(sp, fn) {
    const before = this.entries;
    const result = fn();
    return [result, this.entries === before ? sp : this.exports.getsp() >>> 0];
  }
  get(target, key) {
    if (target === globalThis && Object.hasOwn(this.overrides, key)) {
      const value = this.overrides[key];
      if (value instanceof Unavailable) throw new Error(value.why);
      return value;
    }
    return Reflect.get(target, key);
  }
  // --- the import object ------------------------------------------------------
  imports() {
    const v = (sp) => sp >>> 0;
    return {
      "runtime.wasmExit": (sp) => {
        this.exit(this.view.getInt32(v(sp) + 8, true));
      },
      "runtime.wasmWrite": (sp) => {
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
      "runtime.nanotime1": (sp) => {
        this.setInt64(v(sp) + 8, (this.timeOrigin + performance.now()) * 1e6);
      },
      "runtime.walltime": (sp) => {
        sp = v(sp);
        const ms = Date.now();
        this.setInt64(sp + 8, Math.floor(ms / 1e3));
        this.view.setInt32(sp + 16, ms % 1e3 * 1e6, true);
      },
      "runtime.scheduleTimeoutEvent": (sp) => {
        sp = v(sp);
        const id = this.nextTimeout++;
        const ms = this.getInt64(sp + 8);
        this.view.setInt32(sp + 16, id, true);
        if (this.status) return;
        this.timeouts.set(
          id,
          setTimeout(() => {
            while (this.timeouts.has(id) && !this.status) this.resume();
          }, ms)
        );
      },
      "runtime.clearTimeoutEvent": (sp) => {
        const id = this.view.getInt32(v(sp) + 8, true);
        clearTimeout(this.timeouts.get(id));
        this.timeouts.delete(id);
      },
      "runtime.getRandomData": (sp) => {
        const buf = this.bytes(v(sp) + 8);
        for (let i = 0; i < buf.length; i += 65536) crypto.getRandomValues(buf.subarray(i, i + 65536));
      },
      "syscall/js.finalizeRef": (sp) => {
        const id = this.view.getUint32(v(sp) + 8, true);
        if (--this.refCounts[id] === 0) {
          const value = this.values[id];
          this.values[id] = void 0;
          this.ids.delete(value);
          this.freeIds.push(id);
          this.heldBytes -= this.weights[id];
          this.weights[id] = 0;
        }
      },
      "syscall/js.stringVal": (sp) => {
        sp = v(sp);
        this.store(sp + 24, this.string(sp + 8));
      },
      "syscall/js.valueGet": (sp) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => this.get(this.load(sp + 8), this.string(sp + 16)));
        this.store(at + 32, result);
      },
      "syscall/js.valueSet": (sp) => {
        sp = v(sp);
        Reflect.set(this.load(sp + 8), this.string(sp + 16), this.load(sp + 32));
      },
      "syscall/js.valueDelete": (sp) => {
        sp = v(sp);
        Reflect.deleteProperty(this.load(sp + 8), this.string(sp + 16));
      },
      "syscall/js.valueIndex": (sp) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => Reflect.get(this.load(sp + 8), this.getInt64(sp + 16)));
        this.store(at + 24, result);
      },
      "syscall/js.valueSetIndex": (sp) => {
        sp = v(sp);
        Reflect.set(this.load(sp + 8), this.getInt64(sp + 16), this.load(sp + 24));
      },
      "syscall/js.valueCall": (sp) => {
        sp = v(sp);
        const target = this.load(sp + 8);
        const name = this.string(sp + 16);
        const args2 = this.loadSlice(sp + 32);
        this.storeOutcome(sp, 56, () => Reflect.apply(this.get(target, name), target, args2));
      },
      "syscall/js.valueInvoke": (sp) => {
        sp = v(sp);
        const fn = this.load(sp + 8);
        const args2 = this.loadSlice(sp + 16);
        this.storeOutcome(sp, 40, () => Reflect.apply(fn, void 0, args2));
      },
      "syscall/js.valueNew": (sp) => {
        sp = v(sp);
        const ctor = this.load(sp + 8);
        const args2 = this.loadSlice(sp + 16);
        this.storeOutcome(sp, 40, () => Reflect.construct(ctor, args2));
      },
      "syscall/js.valueLength": (sp) => {
        sp = v(sp);
        this.setInt64(sp + 16, Number(this.load(sp + 8).length));
      },
      "syscall/js.valuePrepareString": (sp) => {
        sp = v(sp);
        const bytes = encoder.encode(String(this.load(sp + 8)));
        this.store(sp + 16, bytes);
        this.setInt64(sp + 24, bytes.length);
      },
      "syscall/js.valueLoadString": (sp) => {
        sp = v(sp);
        this.bytes(sp + 16).set(this.load(sp + 8));
      },
      "syscall/js.valueInstanceOf": (sp) => {
        sp = v(sp);
        const [result, at] = this.callOut(sp, () => this.load(sp + 8) instanceof this.load(sp + 16));
        this.view.setUint8(at + 24, result ? 1 : 0);
      },
      "syscall/js.copyBytesToGo": (sp) => {
        sp = v(sp);
        this.copyBytes(sp, this.load(sp + 32), this.bytes(sp + 8), true);
      },
      "syscall/js.copyBytesToJS": (sp) => {
        sp = v(sp);
        this.copyBytes(sp, this.load(sp + 8), this.bytes(sp + 16), false);
      },
      debug: (value) => {
        console.log(value);
      }
    };
  }
  // valueCall, valueInvoke and valueNew end alike: a result ref at `at` and
  // an ok byte after it; a JS exception becomes the result with ok = 0.
  storeOutcome(sp, at, fn) {
    let result;
    let ok = 1;
    const [, after] = this.callOut(sp, () => {
      try {
        result = fn();
      } catch (err) {
        if (this.status) throw err;
        result = err;
        ok = 0;
      }
    });
    this.store(after + at, result);
    this.view.setUint8(after + at + 8, ok);
  }
  // copyBytesToGo and copyBytesToJS: (int, bool) at sp+40; only byte arrays qualify.
  copyBytes(sp, js, go, toGo) {
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
};

// buildwasm-loader:check.ts
var SUPPORTED = "Go 1.24 to 1.27";
var REQUIRED_EXPORTS = ["run", "resume", "getsp", "mem"];
function sectionReader(section) {
  const bytes = new Uint8Array(section);
  let pos = 0;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    for (; ; ) {
      if (pos >= bytes.length) throw new RangeError("truncated");
      const b = bytes[pos++];
      result += (b & 127) * 2 ** shift;
      if (b < 128) return result;
      shift += 7;
    }
  };
  const str = () => {
    const len = uleb();
    if (pos + len > bytes.length) throw new RangeError("truncated");
    const s = new TextDecoder().decode(bytes.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  return { uleb, str };
}
function producers(module) {
  const out = {};
  for (const section of WebAssembly.Module.customSections(module, "producers")) {
    const { uleb, str } = sectionReader(section);
    try {
      for (let fields = uleb(); fields > 0; fields--) {
        const field = str();
        const values = out[field] ??= {};
        for (let n = uleb(); n > 0; n--) values[str()] = str();
      }
    } catch {
    }
  }
  return out;
}
function goVersion(module) {
  return producers(module).language?.Go;
}
function builtBy(module) {
  const p = producers(module);
  if (p.language?.Go) return `built with ${p.language.Go}`;
  const tools = Object.entries({ ...p.language, ...p["processed-by"] }).map(([name, version]) => `${name} ${version}`.trim());
  return tools.length ? `built by ${tools.join(", ")}` : "with no producers section";
}
function checkModule(module, provided, name) {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const imports = WebAssembly.Module.imports(module);
  if (!REQUIRED_EXPORTS.every((e) => exports.has(e))) {
    if (imports.some((i) => i.module.startsWith("wasi_"))) {
      throw new Error(`${name} is a WASI program (GOOS=wasip1 or another WASI toolchain), not a Go js/wasm program; build it with GOOS=js GOARCH=wasm`);
    }
    throw new Error(`${name} is not a Go js/wasm program (${builtBy(module)}; it lacks the exports run, resume, getsp and mem)`);
  }
  for (const imp of imports) {
    if (provided[imp.module] && imp.name in provided[imp.module]) continue;
    if (imp.module === "gojs") {
      throw new Error(`${name} imports gojs "${imp.name}", which this loader does not implement: it was ${builtBy(module)}, and the loader supports ${SUPPORTED}`);
    }
    throw new Error(`${name} imports ${imp.module} "${imp.name}" (a //go:wasmimport), which was not given in options.imports; it was ${builtBy(module)}`);
  }
}

// buildwasm-loader:host.ts
var isNode = typeof process === "object" && typeof process.versions?.node === "string";
function errnoError(code) {
  const err = new Error(code);
  err.code = code;
  return err;
}
function consoleSink(log) {
  const decoder2 = new TextDecoder();
  let pending = "";
  return (bytes) => {
    pending += decoder2.decode(bytes, { stream: true });
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      log(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  };
}
function resolve(...segments) {
  const parts = [];
  for (const seg of segments) {
    if (seg.startsWith("/")) parts.length = 0;
    for (const p of seg.split("/")) {
      if (p === "" || p === ".") continue;
      if (p === "..") parts.pop();
      else parts.push(p);
    }
  }
  return "/" + parts.join("/");
}
function memoryHost(stdout, stderr) {
  const write = (fd, bytes) => {
    if (fd === 1) stdout(bytes);
    else if (fd === 2) stderr(bytes);
    else throw errnoError("EBADF");
  };
  const enosys = (...args2) => {
    const callback = args2[args2.length - 1];
    if (typeof callback === "function") callback(errnoError("ENOSYS"));
    else throw errnoError("ENOSYS");
  };
  const fs = {
    // -1 tells Go's syscall package that open flags are unsupported.
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1 },
    writeSync(fd, buf) {
      write(fd, buf.slice());
      return buf.length;
    },
    write(fd, buf, offset, length, position, callback) {
      if (offset !== 0 || length !== buf.length || position !== null) return enosys(callback);
      try {
        callback(null, fs.writeSync(fd, buf));
      } catch (err) {
        callback(err);
      }
    }
  };
  for (const name of [
    "chmod",
    "chown",
    "close",
    "fchmod",
    "fchown",
    "fstat",
    "fsync",
    "ftruncate",
    "lchown",
    "link",
    "lstat",
    "mkdir",
    "open",
    "read",
    "readdir",
    "readlink",
    "rename",
    "rmdir",
    "stat",
    "symlink",
    "truncate",
    "unlink",
    "utimes"
  ]) {
    fs[name] = enosys;
  }
  const process2 = {
    pid: -1,
    ppid: -1,
    getuid: () => -1,
    getgid: () => -1,
    geteuid: () => -1,
    getegid: () => -1,
    getgroups: () => [],
    umask: () => 18,
    cwd: () => "/",
    chdir: () => {
      throw errnoError("ENOSYS");
    }
  };
  return { fs, process: process2, path: { resolve }, write };
}
async function nodeHost(stdout, stderr) {
  const fsName = "node:fs";
  const pathName = "node:path";
  const nodeFs = (await import(
    /* @vite-ignore */
    /* webpackIgnore: true */
    fsName
  )).default;
  const nodePath2 = (await import(
    /* @vite-ignore */
    /* webpackIgnore: true */
    pathName
  )).default;
  const sinks = { 1: stdout, 2: stderr };
  let fs = nodeFs;
  if (stdout || stderr) {
    fs = Object.create(nodeFs);
    fs.writeSync = (fd, buf, ...rest) => {
      const sink = sinks[fd];
      if (!sink) return nodeFs.writeSync(fd, buf, ...rest);
      sink(buf.slice());
      return buf.length;
    };
    fs.write = (fd, buf, offset, length, position, callback) => {
      const sink = sinks[fd];
      if (!sink) return nodeFs.write(fd, buf, offset, length, position, callback);
      try {
        sink(buf.slice(offset, offset + length));
        callback(null, length);
      } catch (err) {
        callback(err);
      }
    };
  }
  return {
    fs,
    process: globalThis.process,
    path: nodePath2,
    write: (fd, bytes) => {
      fs.writeSync(fd, bytes);
    }
  };
}
function withFS(host, fs, cwd = "/") {
  const own = host.fs;
  const merged = Object.create(fs);
  merged.constants = fs.constants ?? own.constants;
  merged.write = (fd, ...rest) => (fd === 1 || fd === 2 ? own : fs).write(fd, ...rest);
  merged.writeSync = own.writeSync;
  return { ...host, fs: merged, process: { ...host.process, pid: 1, ppid: 0, cwd: () => cwd } };
}

// buildwasm-loader:symbolize.ts
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function decode(map) {
  const out = { cols: [], sources: [], lines: [], names: [], sourceList: map.sources, nameList: map.names };
  const state = [0, 0, 0, 0, 0];
  for (const segment of map.mappings.split(",")) {
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
        continue;
      }
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
    fields.forEach((f, i) => state[i] += f);
    out.cols.push(state[0]);
    out.sources.push(fields.length >= 4 ? state[1] : -1);
    out.lines.push(state[2] + 1);
    out.names.push(fields.length >= 5 ? state[4] : -1);
  }
  return out;
}
function find(map, offset) {
  let lo = 0;
  let hi = map.cols.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (map.cols[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0 || map.sources[i] < 0) return void 0;
  return { func: map.nameList[map.names[i]] ?? "?", file: map.sourceList[map.sources[i]], line: map.lines[i] };
}
function sourceMapURL(module) {
  const section = WebAssembly.Module.customSections(module, "sourceMappingURL")[0];
  if (!section) return void 0;
  try {
    return sectionReader(section).str();
  } catch {
    return void 0;
  }
}
async function loadMap(mapURL, wasmName) {
  if (isNode && !/^[a-z][a-z0-9+.-]+:/i.test(wasmName) && !/^[a-z][a-z0-9+.-]+:/i.test(mapURL)) {
    const pathName = "node:path";
    const fsName = "node:fs/promises";
    const path = await import(
      /* @vite-ignore */
      /* webpackIgnore: true */
      pathName
    );
    const fs = await import(
      /* @vite-ignore */
      /* webpackIgnore: true */
      fsName
    );
    return decode(JSON.parse(await fs.readFile(path.resolve(path.dirname(wasmName), mapURL), "utf8")));
  }
  const base = typeof location === "object" ? new URL(wasmName, location.href) : new URL(wasmName);
  const response = await fetch(new URL(mapURL, base));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return decode(await response.json());
}
var wasmFrame = /^(\s*at )(\S+) \((\S+):wasm-function\[\d+\]:0x([0-9a-f]+)\)$/;
function symbolizer(module, wasmName) {
  const url = sourceMapURL(module);
  let map;
  return async (err) => {
    if (!url || !(err instanceof Error) || !err.stack) return;
    map ??= loadMap(url, wasmName);
    let decoded;
    try {
      decoded = await map;
    } catch {
      return;
    }
    err.stack = err.stack.split("\n").map((line) => {
      const m = wasmFrame.exec(line);
      const pos = m && find(decoded, parseInt(m[4], 16));
      return pos ? `${m[1]}${pos.func} (${pos.file}:${pos.line})` : line;
    }).join("\n");
  };
}

// buildwasm-loader:app.ts
var RUNTIME_EXPORTS = /* @__PURE__ */ new Set(["run", "resume", "getsp", "mem"]);
var hasScheme = (s) => /^[a-z][a-z0-9+.-]+:/i.test(s);
async function compileBytes(bytes, name) {
  if (bytes.byteLength === 0) throw new Error(`${name} is empty`);
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw new Error(`${name} is not a valid WebAssembly binary: ${err.message}`);
  }
}
async function countProgress(response, report, size) {
  const header = response.headers.get("Content-Length");
  const encoded = response.headers.has("Content-Encoding");
  const total = size ?? (header === null || encoded ? void 0 : Number(header));
  const reader = response.clone().body?.getReader();
  if (!reader) return;
  let loaded = 0;
  try {
    for (; ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      report(loaded, total);
    }
  } catch {
    return;
  }
  if (loaded !== total) report(loaded, loaded);
}
async function compileResponse(response, name, options) {
  if (!response.ok) throw new Error(`fetching ${name} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  if (options.onProgress) countProgress(response, options.onProgress, options.size);
  const type = (response.headers.get("Content-Type") ?? "").split(";")[0].trim();
  if (type === "application/wasm") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      if (err.name === "AbortError") throw err;
      throw new Error(`${name} is not a valid WebAssembly binary: ${err.message}`);
    }
  }
  console.warn(`buildwasm: ${name} was served as "${type}", not application/wasm, so it cannot be compiled while it downloads`);
  return compileBytes(await response.arrayBuffer(), name);
}
async function compile(source, options) {
  const named = (fallback) => options.name ?? fallback;
  if (source instanceof WebAssembly.Module) return [source, named("wasm module")];
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const name2 = named("wasm bytes");
    return [await compileBytes(source, name2), name2];
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    const name2 = named(source.url || "response");
    return [await compileResponse(source, name2, options), name2];
  }
  const location2 = String(source);
  const name = named(location2);
  if (isNode && (location2.startsWith("file:") || !hasScheme(location2))) {
    const fsName = "node:fs/promises";
    const { readFile } = await import(
      /* @vite-ignore */
      /* webpackIgnore: true */
      fsName
    );
    let bytes;
    try {
      bytes = await readFile(location2.startsWith("file:") ? new URL(location2) : location2, { signal: options.signal });
    } catch (err) {
      if (err.name === "AbortError") throw options.signal?.reason ?? err;
      throw new Error(err.code === "ENOENT" ? `${name}: no such file` : `${name}: ${err.message}`);
    }
    return [await compileBytes(bytes, name), name];
  }
  const init = { ...options.fetch, signal: options.signal ?? options.fetch?.signal };
  let response;
  try {
    response = await fetch(source, init);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new Error(`fetching ${name} failed: ${err.message}`);
  }
  return [await compileResponse(response, name, options), name];
}
function exportWrapper(bridge, name) {
  return (...args2) => bridge.call(name, args2);
}
function shimHost(exports, onError, leaks) {
  let held = false;
  let markReady;
  const ready = new Promise((resolve2) => markReady = resolve2);
  const object = {
    exports,
    holdReady: () => void (held = true),
    ready: () => markReady(),
    panicError: (rec) => panicError(rec, ""),
    reportPanic: (rec) => onError(panicError(rec, "")),
    leaks
  };
  return { object, ready, held: () => held };
}
async function settle(bridge, timeout = 5e3) {
  const deadline = Date.now() + timeout;
  const jsGC = globalThis.gc;
  let last = "";
  for (let still = 0; still < 3 && Date.now() < deadline; ) {
    bridge.goGC();
    jsGC?.();
    await new Promise((r) => setTimeout(r, 10));
    const now = `${bridge.liveRefs()} ${bridge.leaks?.report().reduce((n, l) => n + l.count, 0) ?? 0}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}
function gotestImports(bridge) {
  return {
    add: (a, b) => a + b,
    callExport: (a, b) => {
      bridge.call("testExport0", []);
      return bridge.call("testExport", [a, b]);
    }
  };
}
var PaintWatch = class {
  changed = performance.now();
  framed = -1;
  pending = false;
  observer = new MutationObserver(() => this.change());
  constructor() {
    this.observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    this.change();
  }
  // Frames are asked for only when the page changed: a page that asks for
  // every frame makes Chromium draw it all the time, and on a busy machine
  // that costs download time.
  change() {
    this.changed = performance.now();
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.framed = performance.now();
    });
  }
  // Resolves once the page's latest state has been drawn. Hidden pages get
  // no frames, hence the timeout.
  async painted() {
    if (this.framed > this.changed) return;
    await new Promise((resolve2) => {
      requestAnimationFrame(() => setTimeout(resolve2, 0));
      setTimeout(resolve2, 100);
    });
  }
  stop() {
    this.observer.disconnect();
  }
};
function downloadPhase(name, fallback) {
  const entries = typeof performance.getEntriesByName === "function" ? performance.getEntriesByName(name, "resource") : [];
  const entry = entries[entries.length - 1];
  return entry && entry.responseEnd > 0 ? { start: entry.startTime, end: entry.responseEnd } : fallback;
}
async function start(source, options = {}, globals = {}) {
  const onPage = typeof document !== "undefined" && typeof requestAnimationFrame === "function" && typeof MutationObserver === "function";
  const paint = onPage ? new PaintWatch() : void 0;
  try {
    return await startWatched(source, options, globals, paint);
  } finally {
    paint?.stop();
  }
}
async function startWatched(source, options, globals, paint) {
  const begin = performance.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const [module, name] = await compile(source, options);
  const location2 = typeof Response !== "undefined" && source instanceof Response ? source.url : typeof source === "string" || source instanceof URL ? String(source) : name;
  const compiled = performance.now();
  signal?.throwIfAborted();
  let host;
  if (isNode) host = await nodeHost(options.stdout, options.stderr);
  else if (options.stderr) host = memoryHost(options.stdout ?? consoleSink(console.log), options.stderr);
  else host = { ...memoryHost(options.stdout ?? consoleSink(console.log), consoleSink(console.error)), quiet: true };
  if (options.fs && !isNode) host = withFS(host, options.fs, options.cwd);
  const exports = /* @__PURE__ */ Object.create(null);
  const shim = shimHost(exports, options.onError ?? ((err) => console.error(err)), () => bridge.leaks?.report() ?? []);
  const bridge = new Bridge(host, { ...globals, __buildwasm: shim.object }, symbolizer(module, location2), options.autoRelease);
  const imports = { ...options.imports, gojs: bridge.imports(), _gotest: gotestImports(bridge) };
  checkModule(module, imports, name);
  const instance = await WebAssembly.instantiate(module, imports);
  const instantiated = performance.now();
  signal?.throwIfAborted();
  for (const [key, value] of Object.entries(instance.exports)) {
    if (!RUNTIME_EXPORTS.has(key) && typeof value === "function") exports[key] = exportWrapper(bridge, key);
  }
  let suspected = [];
  const fetched = typeof source === "string" || source instanceof URL || typeof Response !== "undefined" && source instanceof Response;
  const timings = {
    fetch: fetched ? downloadPhase(location2, { start: begin, end: compiled }) : { start: begin, end: begin },
    compile: { start: begin, end: compiled },
    // From the compiled module: checking its imports and making the host
    // count as instantiating it, so that the phases leave no gap.
    instantiate: { start: compiled, end: instantiated },
    init: { start: instantiated, end: instantiated },
    ready: { start: begin, end: instantiated }
  };
  const app = {
    exports,
    exited: bridge.exited,
    goVersion: goVersion(module),
    module,
    instance,
    worker: void 0,
    timings,
    async dispose() {
      bridge.dispose();
      for (const key of Object.keys(exports)) delete exports[key];
    },
    leaks: async () => bridge.leaks?.report() ?? [],
    gc: async (timeout) => {
      await settle(bridge, timeout);
      suspected = bridge.leaks?.census() ?? [];
    },
    stats: async () => ({
      funcs: bridge.leaks?.live() ?? {},
      suspected,
      ...bridge.goStats(),
      refs: bridge.liveRefs(),
      wasmMemory: bridge.memoryBytes()
    })
  };
  await paint?.painted();
  bridge.run(instance, [name, ...options.args ?? []], options.env ?? {});
  if (shim.held() && !bridge.status) await Promise.race([shim.ready, bridge.exited]);
  timings.init.end = timings.ready.end = performance.now();
  const failed = bridge.status !== void 0 && (shim.held() || bridge.status.code !== 0);
  return { app, bridge, failed };
}

// buildwasm-loader:goclass.ts
function goClass(host) {
  return class Go {
    argv = ["js"];
    env = {};
    exit = (code) => {
      if (code !== 0) console.warn("exit code:", code);
    };
    exited = false;
    importObject;
    bridge = new Bridge(host);
    constructor() {
      this.importObject = { gojs: this.bridge.imports(), _gotest: gotestImports(this.bridge) };
    }
    /** Runs the program until it exits; the returned promise resolves then. */
    async run(instance) {
      if (!(instance instanceof WebAssembly.Instance)) throw new TypeError("Go.run: WebAssembly.Instance expected");
      this.bridge.run(instance, this.argv, this.env);
      const { code } = await this.bridge.exited;
      this.exited = true;
      this.exit(code);
    }
  };
}

// buildwasm-loader:exec.ts
var major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  process.stderr.write(`buildwasm exec: Node ${process.versions.node} is too old; it needs Node 20 or newer
`);
  process.exit(1);
}
var [file, ...args] = process.argv.slice(2);
var { tmpdir } = await import("node:os");
var { createRequire } = await import("node:module");
var nodePath = await import("node:path");
Object.assign(globalThis, {
  require: createRequire(nodePath.join(process.cwd(), "[buildwasm exec]")),
  fs: (await import("node:fs")).default,
  path: nodePath.default,
  Go: goClass(await nodeHost())
});
try {
  const { bridge } = await start(file, { args, env: { TMPDIR: tmpdir(), ...process.env } });
  process.on("beforeExit", () => bridge.reportDeadlock());
  process.on("uncaughtException", async (err) => {
    if (err?.name === "GoPanicError") {
      process.stderr.write(`buildwasm: uncaught ${err.stack}
`);
      process.exit(2);
    }
    if (!bridge.status) {
      process.stderr.write(`${err?.stack ?? err}
`);
      process.exit(1);
    }
    const status2 = await bridge.exited;
    if (status2.error && !(err instanceof GoExitedError) && err === status2.error) process.stderr.write(`${status2.error.stack}
`);
    process.exit(status2.code);
  });
  const status = await bridge.exited;
  process.exit(status.code);
} catch (err) {
  process.stderr.write(`buildwasm exec: ${err.message}
`);
  process.exit(1);
}
