// The page side of buildwasm exec -browser: loads the program with the
// settings the runner serves, and sends its output and exit code back
// through the binding the runner added (buildwasmOut).
import { load } from "/loader.js";

const send = (msg) => globalThis.buildwasmOut(JSON.stringify(msg));
const base64 = (bytes) => {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const out = (fd) => (bytes) => send({ fd, data: base64(bytes) });

const config = await (await fetch("/config.json")).json();
try {
  const app = await load("/program.wasm", { args: config.args, env: config.env, stdout: out(1), stderr: out(2) });
  const { code } = await app.exited;
  send({ exit: code });
} catch (err) {
  if (err.name === "GoExitedError") {
    send({ exit: err.code });
  } else {
    out(2)(new TextEncoder().encode(`buildwasm: ${err.message}\n`));
    send({ exit: 1 });
  }
}
