import { Finding, isFinding } from '../checkers/finding.js';
import { formatBytes } from '../checkers/format-bytes.js';
import type { Connection } from '../driver/connection.js';
import { cutAt } from '../generators/utf8-text.js';
import type { RunContext } from '../runner/run-scope.js';
import type { LineAction } from './line-actions.js';
import type { LineReferee, Owed } from './line-referee.js';

export interface LineRunSettings {
  /** A line the server answers its sender with exactly one line: everything before it is then done. */
  readonly barrier: string | undefined;
  readonly maxClients: number;
  readonly ending: '\n' | '\r\n';
  /** Maps a line to what is compared of it, where lines may rightly differ (a time, a generated id). */
  readonly normalise?: (line: string) => string;
  /** Clients every case begins with, each connecting and sending its lines, whole, in turn. */
  readonly opening?: readonly (readonly string[])[];
}

/**
 * One generated case run against the server and its referee (a model, or an oracle server) side by
 * side. After every step the client that acted, and every client the referee says it concerns, is
 * brought up to date: with a barrier, it sends the barrier line and must have received exactly what
 * it is owed, the barrier's answer last; without one, it must have received what it is owed, then
 * nothing more for a quiet period. At the end every client is brought up to date, so a line sent to
 * a client it was not owed to shows.
 */
export class LineModelRun {
  readonly #run: RunContext;
  readonly #settings: LineRunSettings;
  readonly #referee: LineReferee;
  readonly #present: string[] = [];
  readonly #connections = new Map<string, Connection>();
  #opened = 0;

  constructor(run: RunContext, settings: LineRunSettings, referee: LineReferee) {
    this.#run = run;
    this.#settings = settings;
    this.#referee = referee;
  }

  async play(actions: readonly LineAction[]): Promise<void> {
    const opening = this.#settings.opening ?? [];
    if (opening.length === 0) await this.#connect();
    for (const lines of opening) {
      const name = await this.#connect();
      for (const line of lines) await this.#send(name, line, null);
    }
    for (const action of actions) {
      if (
        this.#present.length === 0 ||
        (action.kind === 'connect' && this.#present.length < this.#settings.maxClients)
      ) {
        await this.#connect();
      } else if (action.kind === 'send') {
        await this.#send(this.#pick(action.target), action.line, action.cut);
      } else if (action.kind === 'leave') {
        await this.#leave(this.#pick(action.target), action.reset);
      }
    }
    // Lines a client was sent that no step owed it show at its next barrier: every client has one last.
    await this.#settle(undefined, true);
  }

  #pick(target: number): string {
    return this.#present[target % this.#present.length] as string;
  }

  async #connect(): Promise<string> {
    this.#opened += 1;
    const name = `c${this.#opened}`;
    this.#connections.set(name, await this.#run.connect(name));
    this.#present.push(name);
    await this.#referee.happened({ kind: 'connect', client: name });
    await this.#settle(name);
    return name;
  }

  async #send(name: string, line: string, cut: number | null): Promise<void> {
    if (/[\r\n]/.test(line)) throw new Error(`the suite's lines hold a line break: ${JSON.stringify(line)}`);
    const connection = this.#connections.get(name) as Connection;
    const bytes = Buffer.from(`${line}${this.#settings.ending}`);
    if (cut === null || bytes.length < 2) connection.write(bytes);
    else {
      const at = cutAt(bytes, cut);
      connection.write(bytes.subarray(0, at));
      // The server reads the first piece on its own before the rest is sent.
      await this.#run.serverCaughtUp(connection);
      connection.write(bytes.subarray(at));
    }
    await this.#referee.happened({ kind: 'line', client: name, line });
    await this.#settle(name);
  }

  async #leave(name: string, reset: boolean): Promise<void> {
    const connection = this.#connections.get(name) as Connection;
    this.#present.splice(this.#present.indexOf(name), 1);
    // A close is done once the server has closed its end too; a reset has no answer, so the
    // server is given the time to notice it that it takes (another client's question must not
    // race it).
    if (reset) {
      connection.reset();
      await this.#run.serverIdle();
    } else await connection.close();
    await this.#referee.happened({ kind: reset ? 'reset' : 'close', client: name });
    await this.#settle();
  }

  /**
   * The clients a step concerns brought up to date: those the server is closing first, then
   * `actor`, the client that acted (its barrier's answer shows the server has done what it sent),
   * then the others concerned in the order they connected; with `everyone`, every client.
   */
  async #settle(actor?: string, everyone = false): Promise<void> {
    const referee = this.#referee;
    const closing = this.#present.filter((name) => referee.closing(name));
    const others = this.#present.filter(
      (name) => name !== actor && !closing.includes(name) && (everyone || referee.concerns(name)),
    );
    const first = actor !== undefined && this.#present.includes(actor) && !closing.includes(actor);
    for (const name of [...closing, ...(first ? [actor] : []), ...others]) await this.#bringUpToDate(name);
    if (this.#settings.barrier === undefined) {
      await this.#run.expectQuiet(...this.#present.map((name) => this.#connections.get(name) as Connection));
    }
  }

  async #bringUpToDate(name: string): Promise<void> {
    const connection = this.#connections.get(name) as Connection;
    const barrier = this.#referee.closing(name) ? undefined : this.#settings.barrier;
    const owed = await this.#referee.owed(name, barrier);
    try {
      // Lines owed from earlier steps come first, however late the server sends them (a reset
      // another client made, say); then the barrier, whose answer shows nothing more is coming.
      for (const line of owed.lines) await this.#receive(name, connection, line);
      if (barrier !== undefined && !owed.closes) connection.write(`${barrier}${this.#settings.ending}`);
      for (const line of owed.reply) await this.#receive(name, connection, line);
      if (owed.closes) await connection.expectEof();
    } catch (error) {
      // The script shows what the server sent; this shows what it was to send.
      if (isFinding(error)) this.#run.note(`${this.#referee.name} sends ${name}: ${describe(owed)}`);
      throw error;
    }
    if (owed.closes) this.#present.splice(this.#present.indexOf(name), 1);
  }

  /** Reads `line` on `connection`: exactly its bytes, or with a normaliser, a line that normalises as it does. */
  async #receive(name: string, connection: Connection, line: string): Promise<void> {
    const { ending, normalise } = this.#settings;
    if (normalise === undefined) {
      await connection.expect(`${line}${ending}`);
      return;
    }
    const wanted = normalise(line);
    let got = (await connection.readLine({ expecting: JSON.stringify(line) })).toString('utf8');
    if (ending === '\r\n' && got.endsWith('\r')) got = got.slice(0, -1);
    if (normalise(got) === wanted) return;
    throw new Finding({
      kind: 'mismatch',
      conn: name,
      message: `${name} received ${JSON.stringify(got)} where ${JSON.stringify(line)} was expected (compared as the suite normalises lines: ${JSON.stringify(normalise(got))} and ${JSON.stringify(wanted)})`,
      outcome: `got ${formatBytes(Buffer.from(got))}`,
      expected: JSON.stringify(line),
      actual: JSON.stringify(got),
    });
  }
}

function describe(owed: Owed): string {
  const lines = [...owed.lines, ...owed.reply].map((line) => JSON.stringify(line)).join(', ');
  const shown = lines === '' ? 'nothing' : lines;
  return owed.closes ? `${shown}, then closes the connection` : shown;
}
