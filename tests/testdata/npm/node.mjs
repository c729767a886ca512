// Runs a Go program (tests/testdata/worker) from Node ESM with the
// installed package.
import { load, supportedGoVersions } from "@buildwasm/loader";
import { pathToFileURL } from "node:url";

let stdout = "";
const app = await load(pathToFileURL(process.argv[2]), { stdout: (b) => (stdout += new TextDecoder().decode(b)) });
const sum = app.exports.add(40, 2);
await app.dispose();
console.log(JSON.stringify({ sum, stdout, supported: supportedGoVersions, goVersion: app.goVersion }));
