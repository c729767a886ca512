// Go's timers (runtime.scheduleTimeoutEvent): JS timeouts that wake Go,
// kept so that none outlives the program.

export class Timers {
  private timeouts = new Map<number, ReturnType<typeof setTimeout>>();
  private nextTimeout = 1;

  /** The id Go will know the next timer by. */
  next(): number {
    return this.nextTimeout++;
  }

  set(id: number, ms: number, fire: () => void) {
    this.timeouts.set(id, setTimeout(fire, ms));
  }

  /** Whether the timer with this id is still to fire (Go has not cleared it). */
  has(id: number): boolean {
    return this.timeouts.has(id);
  }

  clear(id: number) {
    clearTimeout(this.timeouts.get(id));
    this.timeouts.delete(id);
  }

  /** Stops every timer: the program has ended. */
  stop() {
    for (const t of this.timeouts.values()) clearTimeout(t);
    this.timeouts.clear();
  }
}
