// Runs a Go program (tests/testdata/worker) from Node ESM with the
// installed package, then examples/typed's typed exports.
import { load, supportedGoVersions } from "@buildwasm/loader";
import { pathToFileURL } from "node:url";

let stdout = "";
const app = await load(pathToFileURL(process.argv[2]), { stdout: (b) => (stdout += new TextDecoder().decode(b)) });
const sum = app.exports.add(40, 2);
await app.dispose();
const typed = await load(pathToFileURL(process.argv[3]));
const t = typed.exports;
const describe = t.describe([3, 1, 2]);
const countdown = await t.countdown(1);
const greet = t.greet("node");
await typed.dispose();
console.log(JSON.stringify({ sum, stdout, supported: supportedGoVersions, goVersion: app.goVersion, greet, describe, countdown }));
