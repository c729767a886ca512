// Strings to and from UTF-8 in Go's memory, for typed exports. For short
// strings, TextEncoder's and TextDecoder's fixed cost is most of a call, so
// a loop does their work; it gives what they give (U+FFFD for lone
// surrogates going in), and leaves invalid bytes coming out to
// TextDecoder, whose replacement rules are the standard's.

// The loader's one encoder and decoder. A leading U+FEFF is part of a Go
// string, not a byte order mark to drop (the default decoder, and the
// stock wasm_exec.js, drop it).
export const encoder = new TextEncoder();
export const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

// Up to this many UTF-16 code units going in, or bytes coming out, a
// string crosses by the loop.
const SHORT = 32;

// The code units of a short string being read, then the same in an array
// of their exact number, for String.fromCharCode.
const units: number[] = new Array(SHORT).fill(0);
const exact: number[][] = [];

/** Writes s as UTF-8 from `at`, where there is room for 3 bytes per code unit; returns the bytes written. */
export function writeUTF8(u8: Uint8Array, at: number, s: string): number {
  const len = s.length;
  if (len > SHORT) return encoder.encodeInto(s, new Uint8Array(u8.buffer, at, 3 * len)).written;
  let p = at;
  for (let k = 0; k < len; k++) {
    let c = s.charCodeAt(k);
    if (c < 0x80) {
      u8[p++] = c;
      continue;
    }
    if (c < 0x800) {
      u8[p++] = 0xc0 | (c >> 6);
      u8[p++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = s.charCodeAt(k + 1); // NaN past the end
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        k++;
        u8[p++] = 0xf0 | (c >> 18);
        u8[p++] = 0x80 | ((c >> 12) & 0x3f);
        u8[p++] = 0x80 | ((c >> 6) & 0x3f);
        u8[p++] = 0x80 | (c & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    u8[p++] = 0xe0 | (c >> 12);
    u8[p++] = 0x80 | ((c >> 6) & 0x3f);
    u8[p++] = 0x80 | (c & 0x3f);
  }
  return p - at;
}

/** The string of the n bytes of UTF-8 at `at`; invalid bytes become U+FFFD. */
export function readUTF8(u8: Uint8Array, at: number, n: number): string {
  if (n <= SHORT) {
    const end = at + n;
    let k = at;
    let m = 0;
    while (k < end) {
      const b = u8[k];
      let c: number;
      if (b < 0x80) {
        c = b;
        k++;
      } else if (b >= 0xc2 && b < 0xe0 && k + 1 < end && (u8[k + 1] & 0xc0) === 0x80) {
        c = ((b & 0x1f) << 6) | (u8[k + 1] & 0x3f);
        k += 2;
      } else if (b >= 0xe0 && b < 0xf0 && k + 2 < end && (u8[k + 1] & 0xc0) === 0x80 && (u8[k + 2] & 0xc0) === 0x80) {
        c = ((b & 0x0f) << 12) | ((u8[k + 1] & 0x3f) << 6) | (u8[k + 2] & 0x3f);
        if (c < 0x800 || (c >= 0xd800 && c < 0xe000)) break; // overlong, or a surrogate
        k += 3;
      } else if (b >= 0xf0 && b < 0xf5 && k + 3 < end && (u8[k + 1] & 0xc0) === 0x80 && (u8[k + 2] & 0xc0) === 0x80 && (u8[k + 3] & 0xc0) === 0x80) {
        c = ((b & 0x07) << 18) | ((u8[k + 1] & 0x3f) << 12) | ((u8[k + 2] & 0x3f) << 6) | (u8[k + 3] & 0x3f);
        if (c < 0x10000 || c > 0x10ffff) break; // overlong, or past Unicode
        k += 4;
        c -= 0x10000;
        units[m++] = 0xd800 | (c >> 10);
        c = 0xdc00 | (c & 0x3ff);
      } else {
        break;
      }
      units[m++] = c;
    }
    if (k === end) {
      const out = (exact[m] ??= new Array(m).fill(0));
      for (let j = 0; j < m; j++) out[j] = units[j];
      return String.fromCharCode.apply(null, out);
    }
  }
  return decoder.decode(new Uint8Array(u8.buffer, at, n));
}
