// Checks a compiled module against what the loader will give it, so that a
// wrong binary fails with a sentence instead of a LinkError or a crash
// halfway through start-up.

export const SUPPORTED = "Go 1.24 to 1.27";

const REQUIRED_EXPORTS = ["run", "resume", "getsp", "mem"];

/**
 * Reads the numbers and names of a custom section's bytes (LEB128 and
 * length-prefixed UTF-8); throws RangeError past the end.
 */
export function sectionReader(section: ArrayBuffer) {
  const bytes = new Uint8Array(section);
  let pos = 0;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length) throw new RangeError("truncated");
      const b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
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

/** The `producers` custom section: which language and tools made the binary. */
export function producers(module: WebAssembly.Module): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const section of WebAssembly.Module.customSections(module, "producers")) {
    const { uleb, str } = sectionReader(section);
    try {
      for (let fields = uleb(); fields > 0; fields--) {
        const field = str();
        const values: Record<string, string> = (out[field] ??= {});
        for (let n = uleb(); n > 0; n--) values[str()] = str();
      }
    } catch {
      // A malformed producers section only costs us the version in messages.
    }
  }
  return out;
}

/** The Go version a module was built with ("go1.26.8"), if it says. */
export function goVersion(module: WebAssembly.Module): string | undefined {
  return producers(module).language?.Go;
}

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
