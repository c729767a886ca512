// js.Func leak tracking, for programs built with it (dev builds, -leaks).
//
// The patched syscall/js passes each Func's creation site to
// _makeFuncWrapper and reports Release. The JS wrapper of a Func is
// reachable only from the value table (while Go holds the Func's Value) and
// from JavaScript; once the JS GC collects it, the Func can never be called
// again, so an unreleased one is a leak: its closure stays in Go's funcs map
// for good.

/** One place in Go code where leaked js.Funcs were made. */
export interface Leak {
  /** file:line of the FuncOf call (the first frame outside syscall/js and shim). */
  site: string;
  /** The function that called FuncOf. */
  func: string;
  /** How many Funcs made there were collected unreleased. */
  count: number;
}

// A site's warning is repeated at most this often, with the count so far.
const WARN_EVERY_MS = 10_000;

export class LeakTracker {
  private readonly sites = new Map<number, string>(); // unreleased Funcs by id
  private readonly leaks = new Map<string, Leak>();
  private readonly warned = new Map<string, number>();
  private readonly registry = new FinalizationRegistry<number>((id) => this.collected(id));

  /** `drainReleased` returns the ids Go released since it was last called. */
  constructor(
    private readonly release: ((id: number) => void) | undefined,
    private readonly drainReleased: () => number[],
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  private forgetReleased() {
    for (const id of this.drainReleased()) this.sites.delete(id);
  }

  private readonly siteNames = new Map<number, string>();

  /** Go names a site number once: "func\0file:line". */
  name(site: number, name: string) {
    this.siteNames.set(site, name);
  }

  /** Called for each new Func wrapper, with the number of its site. */
  track(wrapper: object, id: number, site: number) {
    this.forgetReleased(); // keeps Go's list short
    const name = this.siteNames.get(site);
    if (name === undefined) return;
    this.sites.set(id, name);
    this.registry.register(wrapper, id);
  }


  report(): Leak[] {
    return [...this.leaks.values()].map((l) => ({ ...l }));
  }

  /** Unreleased Funcs whose wrappers are still alive, by site. */
  live(): Record<string, number> {
    this.forgetReleased();
    const out: Record<string, number> = {};
    for (const site of this.sites.values()) {
      const where = site.split("\0")[1];
      out[where] = (out[where] ?? 0) + 1;
    }
    return out;
  }

  // Live counts by site after each settled GC, newest last: what a
  // FinalizationRegistry cannot see (cycles that keep a Func alive).
  private history: Record<string, number>[] = [];

  /** Records a census after a GC; returns the sites that grew at each of the last three. */
  census(): string[] {
    this.history.push(this.live());
    if (this.history.length > 4) this.history.shift();
    if (this.history.length < 4) return [];
    const [a, b, c, d] = this.history;
    return Object.keys(d).filter((s) => (a[s] ?? 0) < (b[s] ?? 0) && (b[s] ?? 0) < (c[s] ?? 0) && (c[s] ?? 0) < d[s]);
  }

  // Runs as a JS task of its own, never inside a call from Go, so calling
  // into Go to release is allowed here.
  private collected(id: number) {
    this.forgetReleased();
    const site = this.sites.get(id);
    if (site === undefined) return;
    this.sites.delete(id);
    const [func, where] = site.split("\0");
    let leak = this.leaks.get(where);
    if (!leak) this.leaks.set(where, (leak = { site: where, func, count: 0 }));
    leak.count++;
    if (this.release) this.release(id);
    const now = Date.now();
    if (now - (this.warned.get(where) ?? -Infinity) >= WARN_EVERY_MS) {
      this.warned.set(where, now);
      queueMicrotask(() => {
        const n = this.leaks.get(where)!.count;
        this.warn(`buildwasm: ${n} js.Func${n === 1 ? "" : "s"} made at ${where} (${func}) became unreachable without Release: they can never be called again, and their closures stay in memory. Call Release when done with a Func${this.release ? " (autoRelease released these)" : ""}.`);
      });
    }
  }
}
