// Checks a compiled module against what the loader will give it, so that a
// wrong binary fails with a sentence instead of a LinkError or a crash
// halfway through start-up.

import { producers } from "./sections.js";

// The Go releases whose programs this loader runs: sourcemap.Supported,
// written in when buildwasm bundles the loader (loader.go), so that the
// range has one source.
declare const BUILDWASM_SUPPORTED_GO: string;
export const SUPPORTED: string = BUILDWASM_SUPPORTED_GO;

/** The exports of every Go js/wasm module: the runtime's, not the program's. */
export const RUNTIME_EXPORTS = new Set(["run", "resume", "getsp", "mem"]);

function builtBy(module: WebAssembly.Module): string {
  const p = producers(module);
  if (p.language?.Go) return `built with ${p.language.Go}`;
  const tools = Object.entries({ ...p.language, ...p["processed-by"] }).map(([name, version]) => `${name} ${version}`.trim());
  return tools.length ? `built by ${tools.join(", ")}` : "with no producers section";
}

/**
 * Throws an Error naming the first problem: not a Go js/wasm program, or an
 * import that `provided` lacks.
 */
export function checkModule(module: WebAssembly.Module, provided: Record<string, Record<string, unknown>>, name: string) {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const imports = WebAssembly.Module.imports(module);
  if (![...RUNTIME_EXPORTS].every((e) => exports.has(e))) {
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
