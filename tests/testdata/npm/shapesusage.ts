// Every shape of typed exports through the npm package's types:
// typedexports.d.ts is what buildwasm build writes for
// tests/testdata/typedexports. The @ts-expect-error lines must be errors.
import { load } from "@buildwasm/loader";
import type { Exports, Point, Summary } from "./typedexports.js";

export async function shapes(): Promise<unknown[]> {
  const { exports: x } = await load<Exports>("./typedexports.wasm");
  const origin: Point = { x: 1, y: 2 };
  const s: Summary = x.round({
    id: 1, name: "n", label: "l", scores: { a: [1], b: null }, grid: [[1, 2], [3, 4]], extra: { any: ["thing"] },
    temp: 21.5, raw: new Float64Array([1]), Plain: 3, tags: ["t"], origin, big: 2n ** 64n - 1n, ok: true,
  });
  const tags: string[] | null | undefined = s.tags;
  const big: bigint | undefined = s.big;
  const points: Point[] | null = x.points([origin, { x: 3, y: 4 }]);
  const index: Record<string, string[] | null> | null = x.index({ a: ["1"], b: null });
  const maybe: Point | null = x.maybe(undefined);
  const nested = x.nested([[{ a: origin, b: null }], null]);
  const deep: Point | null | undefined = nested?.[0]?.[0]?.["a"];
  const triple: number[] = x.triple([1, 2, 3]);
  const later: Promise<string> = x.later(1, "v", { signal: new AbortController().signal });
  const scaled: Promise<Point | null> = x.asyncPoint(origin, [2, 2]);
  // @ts-expect-error a Point's fields are numbers
  x.maybe({ x: "1", y: 2 });
  // @ts-expect-error a map's values are string arrays
  x.index({ a: [1] });
  // @ts-expect-error a result may be null
  const first: Point = x.points([origin])[0];
  // @ts-expect-error a Summary's scores hold number arrays
  s.scores = { a: ["1"] };
  // @ts-expect-error later returns a Promise
  const now: string = x.later(1, "v");
  // @ts-expect-error the options are an object with a signal
  x.later(1, "v", { signal: 5 });
  return [tags, big, points, index, maybe, deep, triple, await later, await scaled, first, now];
}
