import { underRule, type Connection, type RunContext } from '../../harness/api/conform.js';
import { LineSplitter } from '../../reference/common/line-splitter.js';
import {
  connected,
  disconnected,
  emptyChat,
  received,
  type ChatState,
  type Output,
} from '../../reference/chat/model.js';
import { expectEmptyServer } from './empty-server.js';
import { expectBarrierReply, expectChatLine } from './expect-chat-line.js';
import { expectQuiet } from './expect-quiet.js';
import { framingRule, stepRule, type Answers, type StepRule } from './step-rule.js';
import { whoAnswered } from './who-answered.js';

/** The rule of the steps where a client goes without QUIT. */
export const disconnectRule = 'chat.disconnect';

interface Client {
  readonly connection: Connection;
  readonly lines: LineSplitter;
  /** The writes since its last LF, as they were cut. */
  pieces: Buffer[];
}

/**
 * Chat clients driven in lock-step with the reference model. After each step every client must
 * receive exactly what the model says, and then every client sends WHO: each connection's commands
 * are processed in order and WHO always gets one reply, so anything else the server sent shows up
 * before that reply. Where the server does not answer WHO (found out once per run), a quiet period
 * stands in for it.
 */
export class ChatSession {
  readonly #run: RunContext;
  readonly #clients = new Map<string, Client>();
  #state: ChatState = emptyChat;
  #barrierNoted = false;
  /** Whether the server answers WHO, once a barrier has found out. */
  #whoAnswered: boolean | undefined;

  constructor(run: RunContext) {
    this.#run = run;
  }

  get names(): string[] {
    return [...this.#clients.keys()];
  }

  connection(name: string): Connection {
    const client = this.#clients.get(name);
    if (client === undefined) throw new Error(`${name} is not connected`);
    return client.connection;
  }

  async connect(name: string): Promise<Connection> {
    const connection = await this.#run.connect(name);
    this.#clients.set(name, { connection, lines: new LineSplitter(), pieces: [] });
    this.#state = connected(this.#state, name);
    return connection;
  }

  /** Connects `name` and registers it as `nick`; each step checked like any other. */
  async join(name: string, nick = name): Promise<void> {
    await this.connect(name);
    await this.send(name, `NICK ${nick}`);
  }

  /** Sends one line (LF or CRLF) and checks what everyone receives, each step under its rule. */
  async send(name: string, line: string | Buffer, ending: '\n' | '\r\n' = '\n'): Promise<void> {
    const bytes = typeof line === 'string' ? Buffer.from(line) : line;
    this.connection(name).send(bytes, ending);
    await this.#settle(name, Buffer.concat([bytes, Buffer.from(ending)]));
  }

  /** Writes raw bytes, split or joined however the test likes, and checks the lines they complete. */
  async write(name: string, bytes: Buffer): Promise<void> {
    this.connection(name).write(bytes);
    await this.#settle(name, bytes);
  }

  /** Every client still connected closes, with nothing more checked. */
  async closeAll(): Promise<void> {
    const connections = this.names.map((name) => this.connection(name));
    this.#clients.clear();
    await Promise.all(connections.map((connection) => connection.close()));
  }

  /** `name` goes away without QUIT: an orderly close, or a reset. */
  async leave(name: string, how: 'close' | 'reset'): Promise<void> {
    const connection = this.connection(name);
    const wasRegistered = this.#state.clients.get(name)?.nick !== undefined;
    this.#clients.delete(name);
    if (how === 'reset') connection.reset();
    else await connection.close();
    const step = disconnected(this.#state, name);
    this.#state = step.state;
    await underRule(disconnectRule, async () => {
      await this.#deliver(step.outputs);
      await this.barrier();
      // Nobody registered heard it go: a client that registers next must not hear its LEFT late.
      const anyRegistered = [...this.#state.clients.values()].some((client) => client.nick !== undefined);
      if (wasRegistered && !anyRegistered) {
        await expectEmptyServer(this.#run, 'no registered client is left to hear it go');
      }
    });
  }

  /**
   * Every client sends WHO and reads its one reply, so that anything else the server sent it shows up
   * first. Only the kind of reply is checked here (chat.who and chat.not-registered check the rest), so
   * a WHO bug does not fail every test. A client in the middle of a line sits it out: its WHO would
   * join that line. Where the run found that the server does not answer WHO, a quiet period instead.
   */
  async barrier(): Promise<void> {
    this.#whoAnswered = await whoAnswered(this.#run);
    if (!this.#whoAnswered) {
      const quietMs = this.#run.quietPeriodMs();
      if (!this.#barrierNoted)
        this.#run.note(
          `after each step, nothing more may reach any client within a quiet period (${quietMs} ms now)`,
        );
      this.#barrierNoted = true;
      await expectQuiet(
        new Map([...this.#clients].map(([name, client]) => [name, client.connection])),
        quietMs,
      );
      return;
    }
    if (!this.#barrierNoted)
      this.#run.note('after each step, every client sends WHO and reads its one reply (not shown)');
    this.#barrierNoted = true;
    const ready = this.names.filter((name) => this.#clients.get(name)?.lines.pendingLength === 0);
    await Promise.all(
      ready.map(async (name) => {
        const connection = this.connection(name);
        connection.write('WHO\n', 'barrier');
        const reply = (received(this.#state, name, 'WHO').outputs[0] as Output).line;
        await expectBarrierReply(connection, reply.startsWith('USERS') ? 'USERS' : reply);
      }),
    );
  }

  /**
   * Checks the lines `bytes` complete, each step under its rule (stepRule): a line that came whole
   * in one write is judged as sent; one that came in pieces or with others, by the pieces too.
   */
  async #settle(name: string, bytes: Buffer): Promise<void> {
    const client = this.#clients.get(name) as Client;
    const earlier = client.pieces;
    const lines = client.lines.push(bytes);
    const lastLf = bytes.lastIndexOf(0x0a);
    client.pieces =
      lastLf === -1 ? [...earlier, bytes] : lastLf === bytes.length - 1 ? [] : [bytes.subarray(lastLf + 1)];
    const whole = bytes.subarray(0, bytes.at(-1) === 0x0a ? -1 : undefined).toString('utf8');
    let rule: string | StepRule = framingRule;
    for (const [index, line] of lines.entries()) {
      const text = line.toString('utf8');
      const alone = earlier.length === 0 && lines.length === 1 && whole === text && !text.endsWith('\r');
      const pieces =
        index === 0
          ? [...earlier, bytes.subarray(0, bytes.indexOf(0x0a))].map(String).concat(whole)
          : [whole];
      const word = text.split(' ', 1)[0] ?? '';
      rule = stepRule(this.#state, name, text, alone ? undefined : pieces, this.#answers);
      const step = received(this.#state, name, text);
      const answered = step.outputs.some((output) => output.to === name && !output.line.startsWith('ERR '));
      this.#state = step.state;
      const closes = await underRule(rule, async () => {
        const sent = performance.now();
        await this.#deliver(step.outputs);
        // A reply's round trip: how long a quiet period must be to outlast one on this machine.
        if (step.outputs.length > 0) this.#run.knowledge.roundTrips.add(performance.now() - sent);
        if (answered) this.#run.knowledge.answered.add(word);
        if (step.closes === undefined) return false;
        await this.connection(step.closes).expectEof();
        this.#clients.delete(step.closes);
        return true;
      });
      if (closes) break;
    }
    await underRule(rule, () => this.barrier());
  }

  /** Whether the server keeps a command word, as the run has shown (step-rule.ts). */
  readonly #answers: Answers = (word) => {
    if (this.#run.knowledge.answered.has(word)) return true;
    return word === 'WHO' ? this.#whoAnswered : undefined;
  };

  async #deliver(outputs: readonly Output[]): Promise<void> {
    const byClient = new Map<string, string[]>();
    for (const output of outputs) byClient.set(output.to, [...(byClient.get(output.to) ?? []), output.line]);
    const settled = await Promise.allSettled(
      [...byClient].map(async ([to, lines]) => {
        const connection = this.connection(to);
        for (const line of lines) await expectChatLine(connection, line);
      }),
    );
    // The first client in the model's order that failed, not the first to fail: the same every run.
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
