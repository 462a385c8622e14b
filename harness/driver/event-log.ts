/** One thing that happened on a connection, as a person reading a transcript needs it. */
export type EventKind =
  | 'connect'
  | 'connect-failed'
  | 'write'
  | 'read'
  | 'end'
  | 'eof'
  | 'reset'
  | 'close'
  | 'pause'
  | 'resume'
  | 'expect'
  | 'fail'
  | 'note';

export interface LogEvent {
  /** Milliseconds since the log began (monotonic clock). */
  readonly at: number;
  readonly conn: string;
  readonly kind: EventKind;
  /** Total bytes the event carried (writes, reads, expectations). */
  readonly size?: number;
  /** The first bytes the event carried, enough to show a person. */
  readonly preview?: Buffer;
  /**
   * The last bytes of an event that carried more than two previews' worth: where one read brought a
   * client's own bytes and then another's, the other's are at its end.
   */
  readonly tail?: Buffer;
  readonly detail?: string;
  /** How many events the log left out just before this one, to stay bounded. */
  readonly droppedBefore?: number;
}

const previewBytes = 256;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A bounded, timestamped record of what the driver did and saw, for transcripts and counterexample
 * scripts. It keeps the first half of its limit (how the run began) and, in a ring, the newest
 * events (how it ended): adding costs the same however long the run.
 */
export class EventLog {
  readonly #origin: number;
  readonly #headSize: number;
  readonly #head: LogEvent[] = [];
  readonly #ring: LogEvent[] = [];
  readonly #ringSize: number;
  #ringStart = 0;
  #dropped = 0;

  /** The moment the log began, on performance.now()'s clock: events' `at` counts from it. */
  get origin(): number {
    return this.#origin;
  }

  constructor(limit = 4000, origin = performance.now()) {
    this.#headSize = Math.floor(limit / 2);
    this.#ringSize = Math.max(1, limit - this.#headSize);
    this.#origin = origin;
  }

  /** Called for every chunk the driver moves, so it builds each event in one step. */
  add(conn: string, kind: EventKind, data?: { bytes?: Uint8Array; size?: number; detail?: string }): void {
    const event: Mutable<LogEvent> = { at: performance.now() - this.#origin, conn, kind };
    const bytes = data?.bytes;
    if (bytes !== undefined) {
      event.size = data?.size ?? bytes.length;
      event.preview = Buffer.from(bytes.subarray(0, previewBytes));
      if (bytes.length > 2 * previewBytes)
        event.tail = Buffer.from(bytes.subarray(bytes.length - previewBytes));
    } else if (data?.size !== undefined) {
      event.size = data.size;
    }
    if (data?.detail !== undefined) event.detail = data.detail;
    if (this.#head.length < this.#headSize) {
      this.#head.push(event);
    } else if (this.#ring.length < this.#ringSize) {
      this.#ring.push(event);
    } else {
      // The oldest of the newest events makes room.
      this.#ring[this.#ringStart] = event;
      this.#ringStart = (this.#ringStart + 1) % this.#ringSize;
      this.#dropped += 1;
    }
  }

  /** The events kept, in order; the first after a gap says how many were left out before it. */
  get events(): readonly LogEvent[] {
    const newest = [...this.#ring.slice(this.#ringStart), ...this.#ring.slice(0, this.#ringStart)];
    const first = newest[0];
    if (this.#dropped > 0 && first !== undefined) newest[0] = { ...first, droppedBefore: this.#dropped };
    return [...this.#head, ...newest];
  }

  /** How many events were left out to keep the log bounded. */
  get dropped(): number {
    return this.#dropped;
  }
}
