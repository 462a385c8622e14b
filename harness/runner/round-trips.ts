/** Round trips kept: enough for a high percentile, few enough that an old spell of load is forgotten. */
const kept = 200;

/**
 * Reply round trips measured on the servers of one run, and the quiet period they call for: where only
 * silence can show that a line was not sent, it must outlast a slow reply on this machine, as loaded as
 * it is now.
 */
export class RoundTrips {
  readonly #samples: number[] = [];
  /** Where the next sample goes once `kept` are held: the oldest is overwritten. */
  #next = 0;

  /** Cheap enough to call for every chunk a read takes. */
  add(ms: number): void {
    if (this.#samples.length < kept) this.#samples.push(ms);
    else this.#samples[this.#next] = ms;
    this.#next = (this.#next + 1) % kept;
  }

  /** Whether any round trip has been seen yet. */
  get seen(): boolean {
    return this.#samples.length > 0;
  }

  /** Four times the 95th percentile of the round trips seen, at least `floorMs`, at most `ceilingMs`. */
  quietMs(floorMs: number, ceilingMs: number): number {
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const slow = sorted[Math.floor(sorted.length * 0.95)] ?? sorted.at(-1) ?? 0;
    return Math.round(Math.min(ceilingMs, Math.max(floorMs, 4 * slow)));
  }
}
