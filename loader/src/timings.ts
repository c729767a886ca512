// When each phase of a load ran, and the wait for a paint before Go's
// initialisation takes the main thread.

import type { Phase, Timings } from "./types.js";

// Follows, during a load, whether the page has drawn a frame since its last
// DOM change, so that what it shows (a progress bar, a spinner) is on screen
// before Go's initialisation takes the main thread, without waiting for a
// frame when the page already shows its latest state.
export class PaintWatch {
  private changed = performance.now();
  private framed = -1;
  private pending = false;
  private readonly observer = new MutationObserver(() => this.change());

  constructor() {
    this.observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    this.change();
  }

  // Frames are asked for only when the page changed: a page that asks for
  // every frame makes Chromium draw it all the time, and on a busy machine
  // that costs download time.
  private change() {
    this.changed = performance.now();
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.framed = performance.now();
    });
  }

  // Resolves once the page's latest state has been drawn. Hidden pages get
  // no frames, hence the timeout.
  async painted(): Promise<void> {
    if (this.framed > this.changed) return;
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      setTimeout(resolve, 100);
    });
  }

  stop() {
    this.observer.disconnect();
  }
}

/** The download of a fetched program as Resource Timing saw it. */
export function downloadPhase(name: string, fallback: Phase): Phase {
  const entries = typeof performance.getEntriesByName === "function" ? performance.getEntriesByName(name, "resource") : [];
  const entry = entries[entries.length - 1] as PerformanceResourceTiming | undefined;
  return entry && entry.responseEnd > 0 ? { start: entry.startTime, end: entry.responseEnd } : fallback;
}

/** Publishes timings as performance.measure entries named buildwasm:PHASE. */
export function measure(timings: Timings) {
  if (typeof performance.measure !== "function") return;
  for (const [phase, { start, end }] of Object.entries(timings)) {
    performance.measure(`buildwasm:${phase}`, { start, end });
  }
}
