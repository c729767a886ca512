// Typed exports through the npm package: typed.d.ts is what buildwasm
// build writes for examples/typed. The @ts-expect-error lines must be
// errors, or tsc fails: the types are checked, not just present.
import { load, GoBlockedError, GoError } from "@buildwasm/loader";
import type { Exports } from "./typed.js";

export async function typed(): Promise<string> {
  const app = await load<Exports>("./typed.wasm");
  const greeting: string = app.exports.greet("wörld");
  const mean: number = app.exports.mean(new Float64Array([1, 2]));
  const fromArray: number = app.exports.mean([1, 2, 3]);
  const primes: Int32Array | null = app.exports.primes(10);
  // @ts-expect-error greet takes a string
  app.exports.greet(42);
  // @ts-expect-error the program exports no such function
  app.exports.nope();
  // @ts-expect-error a result of primes may be null
  const first: number = app.exports.primes(10)[0];
  try {
    app.exports.mean(null);
  } catch (err) {
    if (err instanceof GoError) return err.goType + err.message;
    if (err instanceof GoBlockedError) return err.message;
  }
  return `${greeting} ${mean} ${fromArray} ${primes?.length} ${first}`;
}
