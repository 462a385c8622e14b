import { RoundTrips } from './round-trips.js';

/**
 * What the tests of one run learn about the server program and share, whichever of them learns it
 * first (tests run at once with --jobs): facts found out once, reply round trips, and the run's notes,
 * each shown once.
 */
export class RunKnowledge {
  readonly roundTrips = new RoundTrips();
  /** How long reads waited for each chunk of a reply: how long a try in a shrink need wait. */
  readonly replyWaits = new RoundTrips();
  /** Commands of a line protocol the server has been seen to answer as the protocol says. */
  readonly answered = new Set<string>();
  readonly #facts = new Map<string, Promise<unknown>>();
  readonly #notes: string[] = [];
  readonly #onNote: (note: string) => void;

  /** `onNote` hears each note once, when it is first made. */
  constructor(onNote: (note: string) => void = () => undefined, notes: readonly string[] = []) {
    this.#onNote = onNote;
    this.#notes.push(...notes);
  }

  /** The run's notes, in the order they were made. */
  get notes(): readonly string[] {
    return [...this.#notes];
  }

  /** A note about the whole run; the same note made again is not repeated. */
  note(text: string): void {
    if (this.#notes.includes(text)) return;
    this.#notes.push(text);
    this.#onNote(text);
  }

  /**
   * The value of `fact`, found out by `find` the first time it is asked for; those who ask meanwhile
   * wait for that answer. A `find` that fails teaches nothing: the next to ask tries again.
   */
  async learn<T>(fact: string, find: () => Promise<T>): Promise<T> {
    for (;;) {
      const known = this.#facts.get(fact) as Promise<T> | undefined;
      if (known === undefined) break;
      try {
        return await known;
      } catch {
        if (this.#facts.get(fact) === known) this.#facts.delete(fact);
      }
    }
    const finding = find();
    this.#facts.set(fact, finding);
    try {
      return await finding;
    } catch (error) {
      if (this.#facts.get(fact) === finding) this.#facts.delete(fact);
      throw error;
    }
  }
}
