// The page side of buildwasm exec -browser: loads the program with the
// settings the runner serves, gives it the host's files through the
// runner's /fs, and sends its output and exit code back through the
// binding the runner added (buildwasmOut).
import { load } from "./loader.js";

const send = (msg) => globalThis.buildwasmOut(JSON.stringify(msg));
const base64 = (bytes) => {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const out = (fd) => (bytes) => send({ fd, data: base64(bytes) });

const unbase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

// The host's files, through the runner: each fs call is one request, in
// Node's callback style, which is what Go's syscall package calls.
const call = async (op, args, data) => {
  const response = await fetch("./fs", { method: "POST", body: JSON.stringify({ op, args, data }) });
  return response.json();
};
const errno = (code) => Object.assign(new Error(code), { code });
const remote = (op, result = (r) => r.result) => (...args) => {
  const callback = args.pop();
  call(op, args).then(
    (r) => (r.code ? callback(errno(r.code)) : callback(null, result(r))),
    () => callback(errno("EIO")),
  );
};
const stats = (r) => ({ ...r.result, isDirectory() { return (this.mode & 0o170000) === 0o040000; } });
const fs = {
  fstat: remote("fstat", stats),
  stat: remote("stat", stats),
  lstat: remote("lstat", stats),
  read(fd, buffer, offset, length, position, callback) {
    call("read", [fd, length, position])
      .then((r) => {
        if (r.code) return callback(errno(r.code));
        const bytes = unbase64(r.data);
        buffer.set(bytes, offset);
        callback(null, bytes.length);
      })
      .catch(() => callback(errno("EIO")));
  },
  write(fd, buffer, offset, length, position, callback) {
    call("write", [fd, position], base64(buffer.subarray(offset, offset + length))).then(
      (r) => (r.code ? callback(errno(r.code)) : callback(null, r.result)),
      () => callback(errno("EIO")),
    );
  },
};
for (const op of ["open", "close", "readdir", "mkdir", "unlink", "rmdir", "rename", "chmod", "fchmod", "chown", "fchown", "lchown",
  "utimes", "truncate", "ftruncate", "fsync", "readlink", "symlink", "link"]) {
  fs[op] = remote(op);
}

// A GoPanicError no JavaScript caught (thrown from a timer, an event
// handler or a promise callback the program gave JavaScript) fails the
// program as it does in Node, where the process dies of it; a page would
// only log it and let a test pass.
const uncaught = (err) => {
  if (err?.name !== "GoPanicError") return;
  out(2)(new TextEncoder().encode(`buildwasm: uncaught ${err.stack}\n`));
  send({ exit: 2 });
};
addEventListener("error", (event) => uncaught(event.error));
addEventListener("unhandledrejection", (event) => uncaught(event.reason));

const config = await (await fetch("./config.json")).json();
// The host's own values: the runner passes open flags to it as they are.
fs.constants = config.constants;
try {
  // Positions in the error are the bundle's (setup.js), not the file's.
  if (config.setup) await import("./setup.js").catch((err) => { throw new Error(`the setup script ${config.setup} failed: ${err?.stack ?? err}`); });
  const app = await load(new URL("./program.wasm", import.meta.url), { name: config.name, args: config.args, env: config.env, stdout: out(1), stderr: out(2), fs, cwd: config.cwd });
  const { code } = await app.exited;
  send({ exit: code });
} catch (err) {
  if (err.name === "GoExitedError") {
    send({ exit: err.code });
  } else {
    out(2)(new TextEncoder().encode(`buildwasm exec: ${err.message}\n`));
    send({ exit: 1 });
  }
}
