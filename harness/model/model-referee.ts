import type { LineEvent, LineModel } from './line-model.js';
import type { LineReferee, Owed } from './line-referee.js';

/** Expected behaviour from a model: lines each client is owed, found by stepping the model. */
export class ModelReferee<State> implements LineReferee {
  readonly name = 'the model';
  readonly #model: LineModel<State>;
  #state: State;
  readonly #owed = new Map<string, string[]>();
  readonly #closing = new Set<string>();

  constructor(model: LineModel<State>) {
    this.#model = model;
    this.#state = model.initial();
  }

  happened(event: LineEvent): Promise<void> {
    if (event.kind === 'connect') this.#owed.set(event.client, []);
    if (event.kind === 'close' || event.kind === 'reset') this.#forget(event.client);
    this.#apply(event);
    return Promise.resolve();
  }

  concerns(client: string): boolean {
    return this.#closing.has(client) || (this.#owed.get(client)?.length ?? 0) > 0;
  }

  closing(client: string): boolean {
    return this.#closing.has(client);
  }

  owed(client: string, barrier: string | undefined): Promise<Owed> {
    const closes = this.#closing.has(client);
    const lines = this.#owed.get(client) ?? [];
    if (closes) {
      this.#forget(client);
      return Promise.resolve({ lines, reply: [], closes });
    }
    this.#owed.set(client, []);
    if (barrier === undefined) return Promise.resolve({ lines, reply: [], closes });
    this.#apply({ kind: 'line', client, line: barrier });
    const reply = this.#owed.get(client) ?? [];
    if (reply.length === 0 || this.#closing.has(client)) {
      throw new Error(
        `the barrier line \`${barrier}\` must be answered to its sender, and the model answers ${reply.length === 0 ? 'nothing' : 'by closing the connection'}`,
      );
    }
    this.#owed.set(client, []);
    return Promise.resolve({ lines, reply, closes });
  }

  #forget(client: string): void {
    this.#owed.delete(client);
    this.#closing.delete(client);
  }

  #apply(event: LineEvent): void {
    const step = this.#model.step(this.#state, event);
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
}
