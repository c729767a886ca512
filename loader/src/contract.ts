// The contract between a Go program and this loader beyond the gojs
// imports: the objects and records that Go reads and writes by name. Four
// Go producers use it:
//   - stock syscall/js ($GOROOT/src/syscall/js): jsGo's _makeFuncWrapper,
//     _pendingEvent and _values, and an event's id, this, args and result;
//   - buildwasm's patch of syscall/js (internal/jspatch/added/*.go): the
//     other jsGo fields, an event's panic, the panic record, and what typed
//     exports leave in exportOut (ExportStatus);
//   - buildwasm's generated export wrappers (internal/exports): the
//     description of a package's typed exports (ExportDescription);
//   - package shim (shim/*.go): globalThis.__buildwasm, and the panic
//     record, built by the same Go source as the patch's
//     (internal/jspatch/added/panicrecord.go, copied into shim).
// Every name here is checked against those Go sources by
// loader/contract_test.go, both ways: a field Go uses that is missing here,
// or one here that no Go code uses, fails it.

import type { Leak } from "./leaks.js";

/** A recovered Go panic, as panicrecord.go builds it; errors.ts turns it into a GoPanicError. */
export interface PanicRecord {
  /** The panic value as Go prints it. */
  message: string;
  /** [function, file, line] of each Go frame, innermost first. */
  goStack: [string, string, number][];
  /** The JavaScript error itself when the panic value was a js.Error (Go→JS→Go). */
  jsError?: unknown;
  /**
   * The GOROOT of the runtime's files when their paths are absolute (a
   * build without -trimpath): goStack names files below it $GOROOT/src/...,
   * as the source map does.
   */
  goroot?: string;
}

/** A call from JS into a Go func, left on jsGo._pendingEvent for handleEvent. */
export interface Event {
  id: number;
  this: unknown;
  args: unknown[];
  /** Set by syscall/js when the Func returns. */
  result?: unknown;
  /** Set by the patched syscall/js instead of result when the Func panics. */
  panic?: PanicRecord;
}

/** The per-instance object Go knows as jsGo: it carries events into Go. */
export interface GoObject {
  /** The value table; Go's own syscall/js tests read its length. */
  readonly _values: unknown[];
  _pendingEvent: Event | null;
  /** Makes the JS function of a js.Func; `site` (leak tracking) says where FuncOf was called. */
  _makeFuncWrapper(id: number, site?: number): Function;
  /** Leak tracking: names a site number as "function\0file:line". */
  _funcSite(site: number, name: string): void;
  /** Set by the patched syscall/js: the address of the flag asking Go for a GC (see ValueTable.store). */
  _gcRequest?: number;
  /** Set by the patched syscall/js in leak-tracking builds: the address of the []uint32 of released Func ids. */
  _released?: number;
  /** Set by the patched syscall/js in leak-tracking builds: releases a Func. */
  _releaseFunc?: Function;
  /** Set by the patched syscall/js: runs a Go GC and lets finalizers run. */
  _gc?: Function;
  /** Set by the patched syscall/js: Go's heap bytes and live Funcs. */
  _stats?: () => { goHeap: number; goFuncs: number };
  /** Set by the patched syscall/js: the address of exportOut, where a typed export leaves its outcome. */
  _exportOut?: number;
  /** Set by the patched syscall/js: the address of heavyRefs, four uint32s where the loader names (id + 1) the ArrayBuffers and views it hands Go. */
  _heavyRefs?: number;
  /** Set by the patched syscall/js: the address of eventIn, where the loader leaves a js.Func call (EventWord). */
  _eventIn?: number;
  /** Set by the loader, called by the goroutine of an async typed export: its outcome is in exportOut, for call seq. */
  _exportSettle?: (seq: number) => void;
}

/** The global name under which package shim finds its ShimHost (served per instance). */
export const SHIM_GLOBAL = "__buildwasm";

/** What package shim finds as globalThis.__buildwasm (see shim.ts): this instance only. */
export interface ShimHost {
  /** The program's exports, as App.exports shows them. */
  exports: Record<string, unknown>;
  /** shim.HoldReady: load() resolves at ready(), not when main first waits. */
  holdReady(): void;
  /** shim.Ready. */
  ready(): void;
  /** The GoPanicError a shim.Promise rejects with. */
  panicError(rec: PanicRecord): Error;
  /** A panic shim.Go recovered: to options.onError. */
  reportPanic(rec: PanicRecord): void;
  /** shim.Leaks. */
  leaks(): Leak[];
}

/**
 * The outcome of a typed export's call, in exportOut's word 0 (high half;
 * the low half is the call's sequence number). Named as exports.go's
 * export* constants, without the prefix.
 */
export const ExportStatus = {
  /** Result i in words 1+2i and 2+2i. */
  OK: 0,
  /** Word 1: the ref of [{message, goType}, ...], the errors.Unwrap chain, outermost first. */
  Error: 1,
  /** Word 1: the ref of a PanicRecord; the program lives on. */
  Panic: 2,
  /** Word 1: the ref of the JS value a js.Error returned as the error held. */
  Throw: 3,
  /** An int result past ±(2^53−1): word 1 its index, word 2 its int64 bits. */
  NotSafe: 4,
  /** As NotSafe for uint and uintptr: word 2 holds uint64 bits. */
  NotSafeU: 5,
  /** Word 1: the ref of a string naming the value of the result that cannot cross (an any holding a channel). */
  NotCrossable: 6,
} as const;

/**
 * What buildwasm.d.<import path>(seq) leaves as its string result (JSON):
 * the typed exports (//buildwasm:export) of one package.
 */
export interface ExportDescription {
  /** The package's import path. */
  package: string;
  exports: ExportedFunc[];
  /** The fields of the struct types its exports take and return, by qualified Go name ("example.com/app.Point"). */
  structs?: Record<string, StructField[]>;
}

/** A field of a struct type, as encoding/json names it. */
export interface StructField {
  name: string;
  /** Its type, spelled as ExportParam.type. */
  type: string;
  /** Whether Go leaves it out when it is empty: a result then carries a byte saying whether it is there. */
  omitempty?: boolean;
}

/** One //buildwasm:export function. */
export interface ExportedFunc {
  /** Its name in App.exports, unique in the program. */
  name: string;
  /** The raw wasm export to call: buildwasm.x.<name>. */
  export: string;
  /** The Go function's name, for messages. */
  go: string;
  /** Its Go doc comment ("" if none). */
  doc: string;
  params: ExportParam[];
  /** The result's Go type; "" when there is none besides an error. */
  result: string;
  /** Whether the last Go result is an error. */
  error: boolean;
  /** Whether its first Go parameter is a context.Context, not in params: it returns a Promise. */
  async?: boolean;
}

/**
 * A parameter of a typed export, its type spelled as Go spells it
 * ("[]byte", "js.Value"), but named types as what they are made of and
 * struct types by their qualified name: "[]example.com/app.Point",
 * "map[string]*example.com/app.Point".
 */
export interface ExportParam {
  name: string;
  type: string;
}

/**
 * The 8-byte words of eventIn (the patched syscall/js's
 * buildwasm_event.go), where the loader leaves a js.Func call for
 * handleEvent instead of an object on _pendingEvent.
 */
export const EventWord = {
  /** Low half 1 while a call waits there, high half the Func's id. */
  State: 0,
  /** Low half the number of arguments; high half, after the call, 1 if Out is a panic record. */
  Count: 1,
  This: 2,
  /** The result or panic record. */
  Out: 3,
  /** The first argument; at most EVENT_ARGS of them. */
  Args: 4,
} as const;

/** How many arguments eventIn holds: a call with more goes on _pendingEvent. */
export const EVENT_ARGS = 16;
