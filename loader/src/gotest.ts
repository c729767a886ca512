// The imports Go's own syscall/js tests need (module _gotest), which Go's
// suites find under buildwasm's runners: load() in a page, buildwasm exec,
// and the Go class.

import type { Bridge } from "./bridge.js";

/** The imports Go's own syscall/js tests need. */
export function gotestImports(bridge: Bridge) {
  return {
    add: (a: number, b: number) => a + b,
    callExport: (a: number, b: bigint) => {
      bridge.call("testExport0", []);
      return bridge.call("testExport", [a, b]);
    },
  };
}
