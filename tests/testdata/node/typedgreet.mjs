// Loads a build of examples/typed and prints what greet and mean return.
import { load } from "./loader.mjs";

const app = await load(process.argv[2]);
console.log(JSON.stringify({ greet: app.exports.greet("Ada"), mean: app.exports.mean([1, 2, 6]) }));
process.exit(0);
