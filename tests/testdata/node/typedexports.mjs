// Runs typedexports-cases.mjs in Node and prints its observations as JSON.
import { load } from "./loader.mjs";
import { run } from "./typedexports-cases.mjs";

console.log(JSON.stringify(await run(load, process.argv[2])));
