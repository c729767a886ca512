// A Go program's linear memory as the gojs imports read and write it:
// int64s as Go lays them out (little-endian, two 32-bit halves), strings and
// slices by their headers, and the block of arguments main starts with.

import { encoder, readUTF8 } from "./utf8.js";

// Go's runtime places argv and envp from this offset and refuses to start if
// they run into its data (wasmMinDataAddr = 4096 + 8192).
const ARGS_START = 4096;
const ARGS_END = 4096 + 8192;

export class Memory {
  /** Made again whenever the memory grows: a DataView keeps the size its buffer had. */
  view!: DataView;
  /** The memory's bytes, made again with view. */
  u8!: Uint8Array;
  private memory!: WebAssembly.Memory;

  attach(memory: WebAssembly.Memory) {
    this.memory = memory;
    this.refresh();
  }

  /** After runtime.resetMemoryDataView: the memory has grown. */
  refresh() {
    this.view = new DataView(this.memory.buffer);
    this.u8 = new Uint8Array(this.memory.buffer);
  }

  /** Lets go of the memory, so that an exited program pins nothing. */
  detach() {
    this.memory = undefined!;
    this.view = undefined!;
    this.u8 = undefined!;
  }

  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  setInt64(addr: number, v: number) {
    this.view.setUint32(addr, v, true);
    this.view.setUint32(addr + 4, Math.floor(v / 4294967296), true);
  }

  getInt64(addr: number): number {
    return this.view.getUint32(addr, true) + this.view.getInt32(addr + 4, true) * 4294967296;
  }

  /** The bytes of the Go slice or string whose header is at addr. */
  bytes(addr: number): Uint8Array {
    const ptr = this.getInt64(addr);
    const len = this.getInt64(addr + 8);
    return new Uint8Array(this.memory.buffer, ptr, len);
  }

  /**
   * The Go string whose header is at addr: property names and values of
   * js.Value calls. Short ones are decoded by a loop (utf8.ts), which costs
   * less than TextDecoder. A leading U+FEFF is dropped, as the stock
   * wasm_exec.js's TextDecoder does (typed exports keep it).
   */
  string(addr: number): string {
    const s = readUTF8(this.u8, this.getInt64(addr), this.getInt64(addr + 8));
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /** Writes argv and envp where Go's start-up reads them; returns argv's address. */
  writeArgs(args: string[], env: Record<string, string>): number {
    // Each string NUL-terminated and 8-byte aligned, then a pointer to each
    // and a 0 after the arguments and after the environment.
    const strings = [...args, ...Object.keys(env).sort().map((key) => `${key}=${env[key]}`)].map((s) => encoder.encode(s + "\0"));
    const room = (n: number) => n + ((8 - (n % 8)) % 8);
    const needed = strings.reduce((sum, b) => sum + room(b.length), 0) + (strings.length + 2) * 8;
    if (needed > ARGS_END - ARGS_START) {
      const [largest] = Object.entries(env).sort((a, b) => b[1].length - a[1].length);
      const which = largest ? `; the largest environment variable is ${largest[0]} (${encoder.encode(largest[1]).length} bytes)` : "";
      throw new Error(`the command line and environment take ${needed} bytes, and Go's js/wasm start-up has room for ${ARGS_END - ARGS_START}${which}`);
    }
    let offset = ARGS_START;
    const pointers: number[] = [];
    const put = (bytes: Uint8Array) => {
      new Uint8Array(this.memory.buffer, offset, bytes.length).set(bytes);
      pointers.push(offset);
      offset += room(bytes.length);
    };
    strings.slice(0, args.length).forEach(put);
    pointers.push(0);
    strings.slice(args.length).forEach(put);
    pointers.push(0);
    const argv = offset;
    for (const p of pointers) {
      this.view.setUint32(offset, p, true);
      this.view.setUint32(offset + 4, 0, true);
      offset += 8;
    }
    return argv;
  }
}
