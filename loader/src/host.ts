// The host objects Go's syscall package reads from the global object at start
// (`fs`, `process`, `path`). They are served to one instance only; nothing
// here is assigned to globalThis.

/** Receives a program's output, unbuffered, exactly as the program wrote it. */
export type Sink = (bytes: Uint8Array) => void;

export interface Host {
  fs: any;
  process: any;
  path: any;
  /** Where the runtime's own writes (panics, print) go. */
  write(fd: number, bytes: Uint8Array): void;
  /**
   * A quiet host shows a fatal error as one console.error of the parsed
   * error, not as the runtime's lines (the default in browsers).
   */
  quiet?: boolean;
}

export const isNode = typeof process === "object" && typeof process.versions?.node === "string";

function errnoError(code: string): Error {
  const err = new Error(code) as Error & { code: string };
  err.code = code;
  return err;
}

// A console sink for browsers: console.log only takes whole lines, so bytes
// are held until a newline arrives.
export function consoleSink(log: (line: string) => void): Sink {
  const decoder = new TextDecoder();
  let pending = "";
  return (bytes) => {
    pending += decoder.decode(bytes, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      log(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  };
}

// POSIX path.resolve against "/" — enough for Go's fs code in a page, where
// every file operation fails with ENOSYS anyway.
function resolve(...segments: string[]): string {
  const parts: string[] = [];
  for (const seg of segments) {
    if (seg.startsWith("/")) parts.length = 0;
    for (const p of seg.split("/")) {
      if (p === "" || p === ".") continue;
      if (p === "..") parts.pop();
      else parts.push(p);
    }
  }
  return "/" + parts.join("/");
}

// A host without a file system (browsers, or Node when the caller gives its
// own sinks and no fs): writes to fd 1 and 2 go to the sinks, everything else
// fails with ENOSYS, which Go turns into syscall.ENOSYS.
export function memoryHost(stdout: Sink, stderr: Sink): Host {
  const write = (fd: number, bytes: Uint8Array) => {
    if (fd === 1) stdout(bytes);
    else if (fd === 2) stderr(bytes);
    else throw errnoError("EBADF");
  };
  const enosys = (...args: any[]) => {
    const callback = args[args.length - 1];
    if (typeof callback === "function") callback(errnoError("ENOSYS"));
    else throw errnoError("ENOSYS");
  };
  const fs: any = {
    // -1 tells Go's syscall package that open flags are unsupported.
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1 },
    writeSync(fd: number, buf: Uint8Array) {
      write(fd, buf.slice());
      return buf.length;
    },
    write(fd: number, buf: Uint8Array, offset: number, length: number, position: number | null, callback: Function) {
      if (offset !== 0 || length !== buf.length || position !== null) return enosys(callback);
      try {
        callback(null, fs.writeSync(fd, buf));
      } catch (err) {
        callback(err);
      }
    },
  };
  for (const name of [
    "chmod", "chown", "close", "fchmod", "fchown", "fstat", "fsync", "ftruncate", "lchown", "link",
    "lstat", "mkdir", "open", "read", "readdir", "readlink", "rename", "rmdir", "stat", "symlink",
    "truncate", "unlink", "utimes",
  ]) {
    fs[name] = enosys;
  }
  const process = {
    pid: -1,
    ppid: -1,
    getuid: () => -1,
    getgid: () => -1,
    geteuid: () => -1,
    getegid: () => -1,
    getgroups: () => [],
    umask: () => 0o22,
    cwd: () => "/",
    chdir: () => {
      throw errnoError("ENOSYS");
    },
  };
  return { fs, process, path: { resolve }, write };
}

// The real thing in Node: its fs, process and path, so that Go's os package
// sees the machine's files, working directory and ids. With sinks given,
// fd 1 and 2 are routed to them and the rest stays real.
export async function nodeHost(stdout?: Sink, stderr?: Sink): Promise<Host> {
  // Through variables so that bundlers building for browsers leave them alone.
  const fsName = "node:fs";
  const pathName = "node:path";
  const nodeFs = (await import(/* @vite-ignore */ /* webpackIgnore: true */ fsName)).default;
  const nodePath = (await import(/* @vite-ignore */ /* webpackIgnore: true */ pathName)).default;
  const sinks: Record<number, Sink | undefined> = { 1: stdout, 2: stderr };
  let fs = nodeFs;
  if (stdout || stderr) {
    fs = Object.create(nodeFs);
    fs.writeSync = (fd: number, buf: Uint8Array, ...rest: any[]) => {
      const sink = sinks[fd];
      if (!sink) return nodeFs.writeSync(fd, buf, ...rest);
      sink(buf.slice());
      return buf.length;
    };
    fs.write = (fd: number, buf: Uint8Array, offset: number, length: number, position: any, callback: Function) => {
      const sink = sinks[fd];
      if (!sink) return nodeFs.write(fd, buf, offset, length, position, callback);
      try {
        sink(buf.slice(offset, offset + length));
        callback(null, length);
      } catch (err) {
        callback(err);
      }
    };
  }
  return {
    fs,
    process: globalThis.process,
    path: nodePath,
    write: (fd, bytes) => {
      fs.writeSync(fd, bytes);
    },
  };
}

// A browser host whose file operations go to a caller's Node-style fs,
// except writes to fd 1 and 2, which stay with the host's sinks.
export function withFS(host: Host, fs: any, cwd = "/"): Host {
  const own = host.fs;
  const merged = Object.create(fs);
  merged.constants = fs.constants ?? own.constants;
  merged.write = (fd: number, ...rest: any[]) => ((fd === 1 || fd === 2 ? own : fs).write as Function)(fd, ...rest);
  merged.writeSync = own.writeSync;
  // A positive pid: Go's coverage tooling names its files by pid and skips
  // those with a negative one when it reads them back.
  return { ...host, fs: merged, process: { ...host.process, pid: 1, ppid: 0, cwd: () => cwd } };
}
