// Reads a module's custom sections: the numbers and names in them, and
// what its producers section says made it.

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
