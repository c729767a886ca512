// Runs before the test binary: defines what the package reads in init. The
// import checks that the setup script's own imports are resolved.
import { greeting } from "./greeting.mjs";

globalThis.context = { greeting };
