// Two programs in one Node process: separate output, separate exports.
import { load } from "./loader.mjs";

const [pathA, pathB] = process.argv.slice(2);
const decoder = new TextDecoder();
const out = { a: "", b: "" };
const a = await load(pathA, { stdout: (bytes) => (out.a += decoder.decode(bytes)) });
const b = await load(pathB, { stdout: (bytes) => (out.b += decoder.decode(bytes)) });
a.exports.say();
b.exports.say();
const result = { idA: a.exports.id(), idB: b.exports.id(), sum: a.exports.add(2, 40), goVersion: a.goVersion };
a.exports.quit(7);
result.exitedA = await a.exited;
try {
  a.exports.add(1, 2);
  result.afterExit = "no error";
} catch (err) {
  result.afterExit = { name: err.name, message: err.message, code: err.code, isError: err instanceof Error };
}
result.bAfterAExit = b.exports.add(10, 20);
result.out = out;
console.log(JSON.stringify(result));
