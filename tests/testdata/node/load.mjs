// load() with every kind of source and outcome; prints one JSON object of
// observations, one key a case.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { load, GoExitedError, GoPanicError } from "./loader.mjs";

const programs = JSON.parse(process.argv[2]);
const decoder = new TextDecoder();
const results = {};

// Loads and reports output, exit status or the rejection, never throwing.
async function attempt(source, options = {}) {
  const out = { stdout: "", stderr: "" };
  try {
    const app = await load(source, {
      stdout: (b) => (out.stdout += decoder.decode(b)),
      stderr: (b) => (out.stderr += decoder.decode(b)),
      ...options,
    });
    const status = await app.exited;
    return { ...out, code: status.code, goVersion: app.goVersion };
  } catch (err) {
    return {
      ...out,
      rejected: err.name,
      message: err.message,
      code: err.code,
      exitedError: err instanceof GoExitedError,
      cause: err.cause && { name: err.cause.name, message: err.cause.message, isPanic: err.cause instanceof GoPanicError },
    };
  }
}

const echo = programs.echo;
const bytes = readFileSync(echo);
results.path = await attempt(echo, { args: ["a", "b c"], env: { BUILDWASM_TEST: "env given" } });
results.fileURL = await attempt(pathToFileURL(echo));
results.fileURLString = await attempt(pathToFileURL(echo).href);
results.bytes = await attempt(new Uint8Array(bytes));
results.arrayBuffer = await attempt(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
results.module = await attempt(await WebAssembly.compile(bytes));
results.response = await attempt(new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
const warnings = [];
const warn = console.warn;
console.warn = (...args) => warnings.push(args.join(" "));
results.wrongMime = await attempt(new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
console.warn = warn;
results.wrongMime.warnings = warnings;

results.exit3 = await attempt(programs.exit3);
results.panic = await attempt(programs.panic);
results.nonewline = await attempt(programs.nonewline);
results.importsGiven = await attempt(programs.imports, { imports: { env: { double: (x) => 2 * x } } });
results.importsMissing = await attempt(programs.imports);
results.notGo = await attempt(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
results.empty = await attempt(new Uint8Array(0));
results.missingFile = await attempt(echo + ".missing");
results.workerInNode = await attempt(echo, { worker: true });

// Nothing but what the program sets on purpose may appear on globalThis.
const before = new Set(Object.getOwnPropertyNames(globalThis));
results.globals = await attempt(programs.globals, { args: [programs.globals] });
results.globals.added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));

console.log(JSON.stringify(results));
