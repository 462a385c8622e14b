import { isFinding } from '../checkers/finding.js';
import type { Connection } from '../driver/connection.js';
import type { RunContext } from '../runner/run-scope.js';
import type { LineEvent } from './line-model.js';
import type { LineReferee, Owed } from './line-referee.js';

/** The oracle's answer to the barrier line, told from the lines before it. */
export type BarrierReply = RegExp | ((line: string) => boolean);

/**
 * Expected behaviour from an oracle: the suite's solution server is sent the same events as the
 * server under test, one client of its own for each, and what it sends a client is what that client
 * is owed. Where it stops, the barrier's answer tells: every client is asked after every step.
 */
export class OracleReferee implements LineReferee {
  readonly name = 'the oracle';
  readonly #run: RunContext;
  readonly #ending: string;
  readonly #isReply: (line: string) => boolean;
  readonly #connections = new Map<string, Connection>();
  /** Barrier lines each client sent as steps of the script: each has an answer of its own to come. */
  readonly #barriersSent = new Map<string, number>();
  readonly #barrier: string;

  constructor(run: RunContext, ending: string, barrier: string, reply: BarrierReply) {
    this.#run = run;
    this.#barrier = barrier;
    this.#ending = ending;
    this.#isReply = typeof reply === 'function' ? reply : (line) => reply.test(line);
  }

  async happened(event: LineEvent): Promise<void> {
    if (event.kind === 'connect') {
      this.#connections.set(event.client, await this.#run.connectOracle(event.client));
      return;
    }
    const connection = this.#connections.get(event.client) as Connection;
    if (event.kind === 'line') {
      connection.write(`${event.line}${this.#ending}`);
      if (event.line === this.#barrier) {
        this.#barriersSent.set(event.client, (this.#barriersSent.get(event.client) ?? 0) + 1);
      }
      return;
    }
    this.#connections.delete(event.client);
    // A reset, too, is an orderly close for the oracle: it has then dealt with the client's going
    // before it is sent anything more, so the lines it sends others come in one order every time.
    await this.#oracle(connection.close());
  }

  /** The oracle cannot say ahead who is owed lines: every client is brought up to date. */
  concerns(): boolean {
    return true;
  }

  closing(): boolean {
    return false;
  }

  async owed(client: string, barrier: string | undefined): Promise<Owed> {
    if (barrier === undefined) throw new Error('an oracle tells where its answer ends only with a barrier');
    const connection = this.#connections.get(client) as Connection;
    connection.write(`${barrier}${this.#ending}`);
    const lines: string[] = [];
    // The barrier sent as a step is answered too: its answer is a line owed like any other.
    let answersBefore = this.#barriersSent.get(client) ?? 0;
    this.#barriersSent.delete(client);
    for (;;) {
      let line: string;
      try {
        line = (await connection.readLine({ expecting: false })).toString('utf8');
      } catch (error) {
        // The oracle closed the client: what it sent before is owed, then the close.
        if (isFinding(error) && (error.details.kind === 'eof' || error.details.kind === 'reset')) {
          this.#connections.delete(client);
          return { lines, reply: [], closes: true };
        }
        throw this.#run.oracleFailed(error);
      }
      if (this.#ending === '\r\n' && line.endsWith('\r')) line = line.slice(0, -1);
      if (this.#isReply(line) && answersBefore === 0) return { lines, reply: [line], closes: false };
      if (this.#isReply(line)) answersBefore -= 1;
      lines.push(line);
    }
  }

  async #oracle(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      throw this.#run.oracleFailed(error);
    }
  }
}
