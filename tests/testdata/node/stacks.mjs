// Runs the stacks fixture (argv[2], or takes records captured elsewhere
// from the JSON file in argv[4]) and maps every wasm frame of each V8 stack
// through the source map (argv[3]) with Node's own source map reader, which
// shares no code with buildwasm.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { load } from "./loader.mjs";

const [wasm, mapFile, recordsFile] = process.argv.slice(2);
let records;
if (recordsFile) {
  records = JSON.parse(readFileSync(recordsFile, "utf8"));
} else {
  globalThis.captureStack = () => {
    Error.stackTraceLimit = 200;
    return new Error().stack;
  };
  let out = "";
  const app = await load(wasm, { stdout: (b) => (out += new TextDecoder().decode(b)) });
  await app.exited;
  records = out.trim().split("\n").map((l) => JSON.parse(l));
}
const map = new SourceMap(JSON.parse(readFileSync(mapFile, "utf8")));
// Node names the module wasm://wasm/<hash>; Chromium gives its URL.
const frame = /at (\S+) \(\S+:wasm-function\[(\d+)\]:0x([0-9a-f]+)\)/;
for (const r of records) {
  r.wasm = [];
  for (const line of r.stack.split("\n")) {
    const m = frame.exec(line);
    if (!m) continue;
    const offset = parseInt(m[3], 16);
    const e = map.findEntry(0, offset);
    r.wasm.push({ name: m[1], offset, source: e.originalSource ?? "", line: e.originalLine === undefined ? 0 : e.originalLine + 1, at: e.generatedColumn });
  }
  delete r.stack;
}
console.log(JSON.stringify(records));
