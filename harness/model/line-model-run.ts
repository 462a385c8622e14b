import type { Connection } from '../driver/connection.js';
import { cutAt } from '../generators/utf8-text.js';
import type { RunContext } from '../runner/run-scope.js';
import type { LineAction } from './line-actions.js';
import type { LineEvent, LineModel } from './line-model.js';

export interface LineModelSettings<State> {
  readonly model: LineModel<State>;
  /** A line the server answers its sender with exactly one line: everything before it is then done. */
  readonly barrier: string | undefined;
  readonly maxClients: number;
  readonly ending: '\n' | '\r\n';
}

/**
 * One generated case run against the server and the model side by side. After every step the
 * client that acted, and every client the model owes lines, is brought up to date: with a barrier,
 * it sends the barrier line and must have received exactly what it is owed, the barrier's answer
 * last; without one, it must have received what it is owed, then nothing more for a quiet period.
 * At the end every client is brought up to date, so a line sent to a client it was not owed to shows.
 */
export class LineModelRun<State> {
  readonly #run: RunContext;
  readonly #settings: LineModelSettings<State>;
  #state: State;
  readonly #present: string[] = [];
  readonly #connections = new Map<string, Connection>();
  readonly #owed = new Map<string, string[]>();
  readonly #closing = new Set<string>();
  #opened = 0;

  constructor(run: RunContext, settings: LineModelSettings<State>) {
    this.#run = run;
    this.#settings = settings;
    this.#state = settings.model.initial();
  }

  async play(actions: readonly LineAction[]): Promise<void> {
    await this.#connect();
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

  async #connect(): Promise<void> {
    this.#opened += 1;
    const name = `c${this.#opened}`;
    this.#connections.set(name, await this.#run.connect(name));
    this.#present.push(name);
    this.#owed.set(name, []);
    this.#apply({ kind: 'connect', client: name });
    await this.#settle(name);
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
    this.#apply({ kind: 'line', client: name, line });
    await this.#settle(name);
  }

  async #leave(name: string, reset: boolean): Promise<void> {
    const connection = this.#connections.get(name) as Connection;
    this.#forget(name);
    if (reset) connection.reset();
    else await connection.close();
    this.#apply({ kind: reset ? 'reset' : 'close', client: name });
    await this.#settle();
  }

  #forget(name: string): void {
    this.#present.splice(this.#present.indexOf(name), 1);
    this.#owed.delete(name);
    this.#closing.delete(name);
  }

  #apply(event: LineEvent): void {
    const step = this.#settings.model.step(this.#state, event);
    this.#state = step.state;
    for (const [client, lines] of Object.entries(step.send ?? {})) {
      const owed = this.#owed.get(client);
      if (owed === undefined) throw new Error(`the model sends lines to ${client}, which is not connected`);
      owed.push(...lines);
    }
    for (const client of step.close ?? []) {
      if (!this.#owed.has(client)) throw new Error(`the model closes ${client}, which is not connected`);
      this.#closing.add(client);
    }
  }

  /**
   * The clients a step concerns brought up to date with the model: `actor`, the client that acted,
   * first (its barrier's answer shows the server has done what it sent), then those owed lines in
   * the order they connected; with `everyone`, every client.
   */
  async #settle(actor?: string, everyone = false): Promise<void> {
    for (const name of [...this.#present]) {
      if (!this.#closing.has(name)) continue;
      const connection = this.#connections.get(name) as Connection;
      await this.#receiveOwed(name, connection);
      await connection.expectEof();
      this.#forget(name);
    }
    const barrier = this.#settings.barrier;
    const others = this.#present.filter(
      (name) => name !== actor && (everyone || (this.#owed.get(name)?.length ?? 0) > 0),
    );
    for (const name of this.#present.includes(actor ?? '') ? [actor as string, ...others] : others) {
      const connection = this.#connections.get(name) as Connection;
      if (barrier !== undefined) {
        const before = this.#owed.get(name)?.length ?? 0;
        connection.write(`${barrier}${this.#settings.ending}`);
        this.#apply({ kind: 'line', client: name, line: barrier });
        if ((this.#owed.get(name)?.length ?? 0) <= before) {
          throw new Error(
            `the barrier line \`${barrier}\` must be answered to its sender, and the model answers nothing`,
          );
        }
      }
      await this.#receiveOwed(name, connection);
    }
    if (barrier === undefined) {
      await this.#run.expectQuiet(...this.#present.map((name) => this.#connections.get(name) as Connection));
    }
  }

  async #receiveOwed(name: string, connection: Connection): Promise<void> {
    const owed = this.#owed.get(name) ?? [];
    this.#owed.set(name, []);
    for (const line of owed) await connection.expect(`${line}${this.#settings.ending}`);
  }
}
