import {
  fc,
  type ConformanceTest,
  type Connection,
  type RunContext,
  type TestContext,
} from '../../harness/api/conform.js';
import {
  afterClose,
  afterHalfClose,
  afterWrite,
  openedConnection,
  serverMustClose,
  takeOwed,
  type EchoConnectionModel,
} from '../../reference/echo/model.js';
import { pick } from '../common/pick.js';
import { textBytes } from '../common/text-bytes.js';

const maxConnections = 16;
const initialConnections = 2;

interface Model {
  readonly connections: Map<string, EchoConnectionModel>;
  opened: number;
}

interface Real {
  readonly run: RunContext;
  readonly connections: Map<string, Connection>;
}

type EchoCommand = fc.AsyncCommand<Model, Real>;

const writable = (model: Model): string[] =>
  [...model.connections].filter(([, state]) => !state.halfClosed && !state.closed).map(([name]) => name);
const owing = (model: Model): string[] =>
  [...model.connections].filter(([, state]) => state.owed.length > 0 && !state.closed).map(([name]) => name);

async function readOwed(model: Model, real: Real, name: string): Promise<void> {
  const { expected, next } = takeOwed(model.connections.get(name) as EchoConnectionModel);
  model.connections.set(name, next);
  await (real.connections.get(name) as Connection).expect(expected);
}

async function open(model: Model, real: Real): Promise<void> {
  model.opened += 1;
  const name = `c${model.opened}`;
  real.connections.set(name, await real.run.connect(name));
  model.connections.set(name, openedConnection);
}

class Connect implements EchoCommand {
  check = (model: Readonly<Model>): boolean => model.opened < maxConnections;
  run = (model: Model, real: Real): Promise<void> => open(model, real);
  toString = (): string => 'connect()';
}

class Write implements EchoCommand {
  constructor(
    readonly target: number,
    readonly size: number,
    readonly seed: number,
  ) {}
  check = (model: Readonly<Model>): boolean => writable(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const name = pick(writable(model), this.target);
    const bytes = textBytes(this.size, this.seed);
    model.connections.set(name, afterWrite(model.connections.get(name) as EchoConnectionModel, bytes));
    (real.connections.get(name) as Connection).write(bytes);
  }
  toString = (): string => `write(${this.size} B)`;
}

class Read implements EchoCommand {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>): boolean => owing(model).length > 0;
  run = (model: Model, real: Real): Promise<void> => readOwed(model, real, pick(owing(model), this.target));
  toString = (): string => 'read owed bytes';
}

class HalfClose implements EchoCommand {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>): boolean => writable(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const name = pick(writable(model), this.target);
    const connection = real.connections.get(name) as Connection;
    model.connections.set(name, afterHalfClose(model.connections.get(name) as EchoConnectionModel));
    connection.end();
    await readOwed(model, real, name);
    if (serverMustClose(model.connections.get(name) as EchoConnectionModel)) await connection.expectEof();
    model.connections.set(name, afterClose(model.connections.get(name) as EchoConnectionModel));
    await connection.close();
  }
  toString = (): string => 'half-close';
}

class Close implements EchoCommand {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>): boolean => writable(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const name = pick(writable(model), this.target);
    await readOwed(model, real, name);
    model.connections.set(name, afterClose(model.connections.get(name) as EchoConnectionModel));
    await (real.connections.get(name) as Connection).close();
  }
  toString = (): string => 'close';
}

const target = fc.nat({ max: maxConnections - 1 });
const commands = (context: TestContext) =>
  context.commands(
    [
      fc.constant(new Connect()),
      fc
        .tuple(target, fc.integer({ min: 1, max: 8192 }), fc.nat())
        .map(([index, size, seed]) => new Write(index, size, seed)),
      fc
        .tuple(target, fc.integer({ min: 1, max: 64 }), fc.nat())
        .map(([index, size, seed]) => new Write(index, size, seed)),
      target.map((index) => new Read(index)),
      target.map((index) => new HalfClose(index)),
      target.map((index) => new Close(index)),
    ],
    { maxCommands: 40, size: 'medium' },
  );

export const concurrentClients: ConformanceTest = {
  id: 'echo.concurrent-clients',
  title: 'interleaved clients each get exactly their own bytes',
  requirement:
    'Each client MUST receive exactly its own bytes, whatever other clients connected at the same time send, read, half-close or close.',
  policy: 'persistent',
  runs: 25,
  hint: {
    neutral:
      "Keep each client's state to itself: a buffer shared between clients, or sending to the wrong connection, mixes their data. Serve clients concurrently so one cannot hold up another.",
    python:
      "Keep each client's socket and buffer local to the code serving it: a global buffer, or sending to the wrong socket, mixes their data. Serve clients at once (a threading.Thread per client, or one selectors loop).",
    pythonEvents:
      'Keep a buffer per client, keyed by its socket, and send each client only what its own recv() returned: one buffer or "current socket" for the whole selectors loop mixes their data.',
    node: 'Keep everything about a client inside its \'connection\' handler, on the socket passed to it: a variable outside it (a "current client") ends up sending to the wrong socket and mixes their data.',
    c: 'Give each client its own fd and buffer (a struct per client, or locals of its thread): a global buffer, or sending to the wrong socket, mixes their data. Serve clients at once with poll() or a thread per client.',
    cEvents:
      'Keep a buffer per client, indexed by its fd, and write to each client only what its own read() returned: one buffer or "current fd" for the whole poll() loop mixes their data.',
    java: 'Give each client its own Socket, streams and byte[] inside its own Runnable: a static or shared field, or sending to the wrong socket, mixes their data. Start a Thread per client so one cannot hold up another.',
    javaEvents:
      "Attach a buffer to each client's SelectionKey and write to each channel only what it sent: one ByteBuffer shared by the whole Selector loop mixes their data.",
  },
  async run(context) {
    await context.property(commands(context), async (run, cmds) => {
      const model: Model = { connections: new Map(), opened: 0 };
      const real: Real = { run, connections: new Map() };
      for (let index = 0; index < initialConnections; index += 1) await open(model, real);
      await fc.asyncModelRun(() => ({ model, real }), cmds);
      for (const name of owing(model)) await readOwed(model, real, name);
    });
  },
};
