import { everyClient } from '../common/every-client.js';
import type { Connection, RunContext } from '../../harness/api/conform.js';
import { expectAccepted } from '../common/expect-accepted.js';
import { expectLines, unexpectedLine } from '../common/expect-lines.js';
import { Ledger } from '../common/ledger.js';

const lf = Buffer.of(0x0a);
/** How long nothing more must arrive where only silence can show that a line was not sent. */
const quietMs = 100;

/**
 * The clients of one broadcast run, with every line they send on record. Arrivals are made certain
 * through the protocol itself: a newcomer's first line must reach everyone already there.
 */
export class Room {
  readonly ledger: Ledger;
  readonly #run: RunContext;
  readonly #members = new Map<string, Connection>();
  readonly #received = new Map<string, Set<string>>();
  readonly #ownLines: 'forbidden' | 'ignored';

  /**
   * `ownLines`: whether a client receiving its own line fails this test ('forbidden', for the tests
   * about who receives what) or is passed over ('ignored', for tests about other rules).
   */
  constructor(run: RunContext, ownLines: 'forbidden' | 'ignored', seed = run.settings.seed) {
    this.#run = run;
    this.#ownLines = ownLines;
    this.ledger = new Ledger(seed);
  }

  get names(): string[] {
    return [...this.#members.keys()];
  }

  member(name: string): Connection {
    const connection = this.#members.get(name);
    if (connection === undefined) throw new Error(`${name} is not in the room`);
    return connection;
  }

  /** Connects `name`; it then says hello, and the join is certain once everyone else has that line. */
  async join(name: string): Promise<Connection> {
    const others = this.names;
    const connection = await this.#run.connect(name);
    this.#members.set(name, connection);
    this.#received.set(name, new Set());
    if (others.length === 0) {
      await expectAccepted(this.#run, name);
      return connection;
    }
    const hello = this.say(name, 1);
    await this.delivered(new Map([[name, hello]]), others);
    return connection;
  }

  /** `sender` sends `count` new lines: one write each, or all in one write when `together`. */
  say(sender: string, count = 1, options: { size?: number; together?: boolean } = {}): Buffer[] {
    const connection = this.member(sender);
    const lines = Array.from({ length: count }, () => this.ledger.next(sender, options.size));
    if (options.together === true) {
      connection.write(Buffer.concat(lines.flatMap((line) => [line, lf])));
    } else {
      for (const line of lines) connection.send(line);
    }
    return lines;
  }

  /**
   * `sender` sends one line of exactly these bytes after its tag (`alice#4` + text), or, for an empty
   * text, an empty line: the one line of the run that carries no tag.
   */
  sayExactly(sender: string, text: string): Buffer {
    const line = this.ledger.exact(sender, text);
    this.member(sender).send(line);
    return line;
  }

  /** Each receiver (every member but the senders, by default) gets these lines, each sender's in order. */
  async delivered(
    lines: ReadonlyMap<string, readonly Buffer[]>,
    receivers?: readonly string[],
  ): Promise<void> {
    const targets = receivers ?? this.names;
    // Every receiver's reads end before the failure is told, with a count of what happened to all.
    await everyClient(
      targets.map((receiver) => {
        const mine = new Map([...lines].filter(([sender]) => sender !== receiver));
        const received = this.#received.get(receiver) ?? new Set<string>();
        return expectLines(this.member(receiver), mine, this.ledger, {
          received,
          ignoreOwn: this.#ownLines === 'ignored',
        });
      }),
      { nothing: 'got none of the lines', part: 'got only some of the lines' },
    );
  }

  /** `name` leaves: an orderly close, or a reset (RST). */
  async leave(name: string, how: 'close' | 'reset'): Promise<void> {
    const connection = this.member(name);
    this.#members.delete(name);
    if (how === 'reset') connection.reset();
    else await connection.close();
  }

  /**
   * Nothing more arrived at any member than what was read (own lines aside, where they are ignored).
   * With `quiet`, a short quiet period comes first: where no later line can prove that a line was not
   * sent, only waiting can.
   */
  async expectNothingMore(options: { quiet?: boolean } = {}): Promise<void> {
    if (options.quiet === true) {
      this.#run.note(`nothing more may reach any client within ${quietMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    for (const [name, connection] of this.#members) {
      while (connection.peekBuffered().includes(0x0a)) {
        const line = await connection.readLine({ expecting: false });
        if (this.ledger.originOf(line)?.sender === name && this.#ownLines === 'ignored') continue;
        const received = this.#received.get(name);
        throw unexpectedLine(name, line, this.ledger, { received }).with({ kind: 'extra-bytes' });
      }
      connection.expectNothingBuffered();
    }
  }
}
