// shim's readiness protocol under buildwasm's loader.
import { load } from "./loader.mjs";

const program = process.argv[2];
const settle = (p) => p.then(() => ({ name: "resolved" }), (e) => ({ name: e.name, message: e.message, code: e.code, cause: e.cause?.name, causeMessage: e.cause?.message }));
const out = {};
const app = await load(program);
out.late = typeof app.exports.late === "function" ? app.exports.late("called") : "missing";
out.exit = await settle(load(program, { args: ["exit"] }));
out.panic = await settle(load(program, { args: ["panic"], stderr: () => {} }));
console.log(JSON.stringify(out));
process.exit(0);
