// Runs leaks-cases.mjs in Node (started with --expose-gc) and prints JSON.
import { load } from "./loader.mjs";
import { run } from "./leaks-cases.mjs";

console.log(JSON.stringify(await run(load, process.argv[2], process.argv[3])));
