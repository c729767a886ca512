// The global Go class that Go's own Node runner defines (wasm_exec.js's
// API): new Go(), importObject, argv, env, exit and run(instance). buildwasm
// exec defines it too, for Node programs that start other Go programs
// with it; each instance runs on buildwasm's bridge.

import { Bridge } from "./bridge.js";
import { gojsImports } from "./gojs.js";
import { gotestImports } from "./gotest.js";
import type { Host } from "./host.js";

export function goClass(host: Host) {
  return class Go {
    argv = ["js"];
    env: Record<string, string> = {};
    exit = (code: number) => {
      if (code !== 0) console.warn("exit code:", code);
    };
    exited = false;
    readonly importObject: WebAssembly.Imports;
    private readonly bridge = new Bridge(host);

    constructor() {
      this.importObject = { gojs: gojsImports(this.bridge) as WebAssembly.ModuleImports, _gotest: gotestImports(this.bridge) };
    }

    /** Runs the program until it exits; the returned promise resolves then. */
    async run(instance: WebAssembly.Instance) {
      if (!(instance instanceof WebAssembly.Instance)) throw new TypeError("Go.run: WebAssembly.Instance expected");
      this.bridge.run(instance, this.argv, this.env);
      const { code } = await this.bridge.exited;
      this.exited = true;
      this.exit(code);
    }
  };
}
