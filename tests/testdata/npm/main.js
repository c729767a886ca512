// The Vite app: the program is an asset next to this file.
import { load } from "@buildwasm/loader";

const warnings = [];
const warn = console.warn;
console.warn = (...args) => warnings.push(args.join(" "));
const app = await load(new URL("./hello.wasm", import.meta.url));
window.result = { greeting: app.exports.greet("Vite"), warnings };
