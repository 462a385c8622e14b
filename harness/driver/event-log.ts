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
  readonly detail?: string;
  /** How many events the log left out just before this one, to stay bounded. */
  readonly droppedBefore?: number;
}

const previewBytes = 256;

/** A bounded, timestamped record of what the driver did and saw, for transcripts and counterexample scripts. */
export class EventLog {
  readonly #origin: number;
  readonly #limit: number;
  readonly #events: LogEvent[] = [];
  #dropped = 0;

  constructor(limit = 4000, origin = performance.now()) {
    this.#limit = limit;
    this.#origin = origin;
  }

  add(conn: string, kind: EventKind, data?: { bytes?: Uint8Array; size?: number; detail?: string }): void {
    const bytes = data?.bytes;
    const event: LogEvent = {
      at: performance.now() - this.#origin,
      conn,
      kind,
      ...(bytes !== undefined && {
        size: data?.size ?? bytes.length,
        preview: Buffer.from(bytes.subarray(0, previewBytes)),
      }),
      ...(bytes === undefined && data?.size !== undefined && { size: data.size }),
      ...(data?.detail !== undefined && { detail: data.detail }),
    };
    if (this.#events.length >= this.#limit) {
      // Keep the start (how the run began) and the newest events (how it ended).
      const gap = Math.floor(this.#limit / 2);
      this.#events.splice(gap, 1);
      this.#dropped += 1;
      const after = this.#events[gap];
      if (after === undefined) {
        this.#events.push({ ...event, droppedBefore: this.#dropped });
        return;
      }
      this.#events[gap] = { ...after, droppedBefore: this.#dropped };
    }
    this.#events.push(event);
  }

  get events(): readonly LogEvent[] {
    return this.#events;
  }

  /** How many events were left out to keep the log bounded. */
  get dropped(): number {
    return this.#dropped;
  }
}
