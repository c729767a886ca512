// The Node runner behind `buildwasm exec FILE [args...]`: runs a Go js/wasm
// program the way a native binary runs, with the process's stdin, stdout,
// stderr, environment, working directory and exit code.

import { GoExitedError } from "./errors.js";
import { goClass } from "./goclass.js";
import { nodeHost } from "./host.js";
import { start } from "./start.js";

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  process.stderr.write(`buildwasm exec: Node ${process.versions.node} is too old; it needs Node 20 or newer\n`);
  process.exit(1);
}

const [file, ...args] = process.argv.slice(2);
const { tmpdir } = await import("node:os");
const { createRequire } = await import("node:module");
const nodePath = await import("node:path");
// The globals Go's own Node runner defines, which Node-targeted Go code
// reads (js.Global().Call("require", "os")). require resolves from the
// working directory, so the packages of the project being run are found.
Object.assign(globalThis, {
  require: createRequire(nodePath.join(process.cwd(), "[buildwasm exec]")),
  fs: (await import("node:fs")).default,
  path: nodePath.default,
  Go: goClass(await nodeHost()),
});
try {
  const { bridge } = await start(file, { args, env: { TMPDIR: tmpdir(), ...(process.env as Record<string, string>) } });
  // Node is about to exit with nothing left to do, so no event can ever wake
  // the program: let Go report its deadlock, as it would natively.
  process.on("beforeExit", () => bridge.reportDeadlock());
  // Errors that reach Node's top level from a callback of the program (a
  // timer, an fs callback): once the program is over, its exit status
  // decides; before that, the error ends the process as Node would.
  process.on("uncaughtException", async (err) => {
    if ((err as Error)?.name === "GoPanicError") {
      // A callback panicked and no JavaScript caught it: the program
      // fails as a Go program fails on a panic.
      process.stderr.write(`buildwasm: uncaught ${(err as Error).stack}\n`);
      process.exit(2);
    }
    if (!bridge.status) {
      process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
      process.exit(1);
    }
    const status = await bridge.exited;
    if (status.error && !(err instanceof GoExitedError) && err === status.error) process.stderr.write(`${status.error.stack}\n`);
    process.exit(status.code);
  });
  const status = await bridge.exited;
  process.exit(status.code);
} catch (err) {
  process.stderr.write(`buildwasm exec: ${(err as Error).message}\n`);
  process.exit(1);
}
