// Typed exports through the npm package: typed.d.ts is what buildwasm
// build writes for examples/typed. The @ts-expect-error lines must be
// errors, or tsc fails: the types are checked, not just present.
import { load, GoBlockedError, GoError } from "@buildwasm/loader";
import type { Exports, Summary } from "./typed.js";

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
  // A struct is an interface of its json names; a pointer may be null.
  const summary: Summary | null = app.exports.describe([1, 2, 3]);
  const median: number | undefined = summary?.median;
  // A context.Context first: a Promise, with options after the arguments.
  const later: Promise<string> = app.exports.countdown(5, { signal: AbortSignal.timeout(1000) });
  // @ts-expect-error countdown returns a Promise
  const now: string = app.exports.countdown(5);
  // @ts-expect-error describe takes numbers
  app.exports.describe(["1"]);
  // In a worker every export returns a Promise.
  const inWorker = await load<Exports>("./typed.wasm", { worker: true });
  const greeted: Promise<string> = inWorker.exports.greet("w");
  const described: Promise<Summary | null> = inWorker.exports.describe([1]);
  // @ts-expect-error in a worker greet returns a Promise
  const sync: string = inWorker.exports.greet("w");
  try {
    app.exports.mean(null);
  } catch (err) {
    if (err instanceof GoError) return err.goType + err.message;
    if (err instanceof GoBlockedError) return err.message;
  }
  return `${greeting} ${mean} ${fromArray} ${primes?.length} ${first} ${median} ${await later} ${now} ${await greeted} ${await described} ${sync}`;
}
