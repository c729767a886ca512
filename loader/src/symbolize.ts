// Gives wasm frames of a JavaScript error stack their Go function and
// file:line, from the program's source map (the one its sourceMappingURL
// section names). The map is only fetched when an error needs it.

import { sectionReader } from "./sections.js";
import { isNode } from "./host.js";

interface DecodedMap {
  cols: number[]; // generated columns (file offsets), ascending
  sources: number[];
  lines: number[];
  names: number[];
  sourceList: string[];
  nameList: string[];
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Decodes the single generated line of a buildwasm map.
function decode(map: { sources: string[]; names: string[]; mappings: string }): DecodedMap {
  const out: DecodedMap = { cols: [], sources: [], lines: [], names: [], sourceList: map.sources, nameList: map.names };
  const state = [0, 0, 0, 0, 0];
  for (const segment of map.mappings.split(",")) {
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
        continue;
      }
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
    fields.forEach((f, i) => (state[i] += f));
    out.cols.push(state[0]);
    out.sources.push(fields.length >= 4 ? state[1] : -1);
    out.lines.push(state[2] + 1);
    out.names.push(fields.length >= 5 ? state[4] : -1);
  }
  return out;
}

function find(map: DecodedMap, offset: number): { func: string; file: string; line: number } | undefined {
  let lo = 0;
  let hi = map.cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map.cols[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0 || map.sources[i] < 0) return undefined;
  return { func: map.nameList[map.names[i]] ?? "?", file: map.sourceList[map.sources[i]], line: map.lines[i] };
}

/** The URL in a module's sourceMappingURL section, if it has one. */
export function sourceMapURL(module: WebAssembly.Module): string | undefined {
  const section = WebAssembly.Module.customSections(module, "sourceMappingURL")[0];
  if (!section) return undefined;
  try {
    return sectionReader(section).str();
  } catch {
    return undefined;
  }
}

async function loadMap(mapURL: string, wasmName: string): Promise<DecodedMap> {
  if (isNode && !/^[a-z][a-z0-9+.-]+:/i.test(wasmName) && !/^[a-z][a-z0-9+.-]+:/i.test(mapURL)) {
    const pathName = "node:path";
    const fsName = "node:fs/promises";
    const path = await import(/* @vite-ignore */ /* webpackIgnore: true */ pathName);
    const fs = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsName);
    return decode(JSON.parse(await fs.readFile(path.resolve(path.dirname(wasmName), mapURL), "utf8")));
  }
  const base = typeof location === "object" ? new URL(wasmName, location.href) : new URL(wasmName);
  const response = await fetch(new URL(mapURL, base));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return decode(await response.json());
}

const wasmFrame = /^(\s*at )(\S+) \((\S+):wasm-function\[\d+\]:0x([0-9a-f]+)\)$/;

/**
 * Returns a function that rewrites an error's stack in place, wasm frames
 * named by Go function and file:line. Without a map it leaves stacks alone.
 */
export function symbolizer(module: WebAssembly.Module, wasmName: string): (err: unknown) => Promise<void> {
  const url = sourceMapURL(module);
  let map: Promise<DecodedMap> | undefined;
  return async (err) => {
    if (!url || !(err instanceof Error) || !err.stack) return;
    map ??= loadMap(url, wasmName);
    let decoded: DecodedMap;
    try {
      decoded = await map;
    } catch {
      return; // no map, no names: the stack stays as V8 wrote it
    }
    err.stack = err.stack
      .split("\n")
      .map((line) => {
        const m = wasmFrame.exec(line);
        const pos = m && find(decoded, parseInt(m[4], 16));
        return pos ? `${m![1]}${pos.func} (${pos.file}:${pos.line})` : line;
      })
      .join("\n");
  };
}
