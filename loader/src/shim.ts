// What package shim finds as globalThis.__buildwasm: the per-instance
// object through which a program exports functions, holds and signals
// readiness, and reports the panics shim.Go recovers.

import type { PanicRecord, ShimHost } from "./contract.js";
import { panicError } from "./errors.js";
import type { Leak } from "./leaks.js";

/**
 * What package shim finds as globalThis.__buildwasm: this instance only.
 * It is made outside start(), so that it captures none of start's
 * variables: the page may keep it through the program's exports.
 */
export function shimHost(exports: Record<string, unknown>, onError: (err: Error) => void, leaks: () => Leak[]) {
  let held = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const object: ShimHost = {
    exports,
    holdReady: () => void (held = true),
    ready: () => markReady(),
    panicError: (rec: PanicRecord) => panicError(rec, ""),
    reportPanic: (rec: PanicRecord) => onError(panicError(rec, "")),
    leaks,
  };
  return { object, ready, held: () => held };
}
