// webpack 5 with no loaders or plugins: main.js, its programs as assets and
// the package's worker as a chunk, written next to webpack/index.html.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  entry: "./main.js",
  output: { path: fileURLToPath(new URL("./webpack", import.meta.url)) },
  performance: { hints: false },
};
