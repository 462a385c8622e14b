import {
  cutAt,
  fc,
  type ConformanceTest,
  type RunContext,
  type TestContext,
} from '../../harness/api/conform.js';
import { pick } from '../common/pick.js';
import { Room } from './room.js';

const maxClients = 6;
const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];

interface Model {
  /** Present clients, and the line each has started but not finished. */
  readonly present: Map<string, Buffer | undefined>;
  joined: number;
  /** A client left in the middle of a line, which must never be delivered. */
  leftMidLine: boolean;
}

interface Real {
  readonly run: RunContext;
  readonly room: Room;
}

type RoomCommand = fc.AsyncCommand<Model, Real>;
const lf = Buffer.of(0x0a);
/** How much of each started line was written, so finishing writes the rest. */
const sentPrefix = new WeakMap<Buffer, number>();

const present = (model: Readonly<Model>): string[] => [...model.present.keys()];
/**
 * A client alone in the room may not finish a line: with no receiver to wait for, the server could
 * read its LF after a newcomer's arrival, and rightly relay it there.
 */
const heard = (model: Readonly<Model>): boolean => model.present.size >= 2;
const idle = (model: Readonly<Model>): string[] =>
  [...model.present].filter(([, line]) => line === undefined).map(([name]) => name);
const midLine = (model: Readonly<Model>): string[] =>
  [...model.present].filter(([, line]) => line !== undefined).map(([name]) => name);

async function join(model: Model, real: Real): Promise<void> {
  const name = names[model.joined] as string;
  model.joined += 1;
  await real.room.join(name);
  model.present.set(name, undefined);
}

class Join implements RoomCommand {
  check = (model: Readonly<Model>): boolean => model.present.size < maxClients && model.joined < names.length;
  run = (model: Model, real: Real): Promise<void> => join(model, real);
  toString = (): string => 'join';
}

class Say implements RoomCommand {
  constructor(
    readonly target: number,
    readonly count: number,
    readonly together: boolean,
  ) {}
  check = (model: Readonly<Model>): boolean => heard(model) && idle(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const sender = pick(idle(model), this.target);
    const lines = real.room.say(sender, this.count, { together: this.together });
    await real.room.delivered(new Map([[sender, lines]]));
  }
  toString = (): string => `say ${this.count}${this.together ? ' in one write' : ''}`;
}

class StartLine implements RoomCommand {
  constructor(
    readonly target: number,
    readonly cut: number,
  ) {}
  check = (model: Readonly<Model>): boolean => idle(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const sender = pick(idle(model), this.target);
    const line = real.room.ledger.next(sender);
    const connection = real.room.member(sender);
    const prefix = cutAt(line, this.cut);
    connection.write(line.subarray(0, prefix));
    sentPrefix.set(line, prefix);
    model.present.set(sender, line);
    await connection.sentOrStalled();
  }
  toString = (): string => 'start a line';
}

class FinishLine implements RoomCommand {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>): boolean => heard(model) && midLine(model).length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const sender = pick(midLine(model), this.target);
    const line = model.present.get(sender) as Buffer;
    const connection = real.room.member(sender);
    model.present.set(sender, undefined);
    connection.write(Buffer.concat([line.subarray(sentPrefix.get(line) ?? 0), lf]));
    await real.room.delivered(new Map([[sender, [line]]]));
  }
  toString = (): string => 'finish the line';
}

class Leave implements RoomCommand {
  constructor(
    readonly target: number,
    readonly reset: boolean,
  ) {}
  check = (model: Readonly<Model>): boolean => model.present.size > 1;
  async run(model: Model, real: Real): Promise<void> {
    const name = pick(present(model), this.target);
    if (model.present.get(name) !== undefined) model.leftMidLine = true;
    model.present.delete(name);
    await real.room.leave(name, this.reset ? 'reset' : 'close');
  }
  toString = (): string => (this.reset ? 'leave by reset' : 'leave');
}

const target = fc.nat({ max: maxClients - 1 });
const commands = (context: TestContext) =>
  context.commands(
    [
      fc.constant(new Join()),
      fc
        .tuple(target, fc.integer({ min: 1, max: 3 }), fc.boolean())
        .map(([index, count, together]) => new Say(index, count, together)),
      fc.tuple(target, fc.nat(100)).map(([index, cut]) => new StartLine(index, cut)),
      target.map((index) => new FinishLine(index)),
      fc.tuple(target, fc.boolean()).map(([index, reset]) => new Leave(index, reset)),
    ],
    { maxCommands: 30, size: 'medium' },
  );

export const model: ConformanceTest = {
  id: 'broadcast.model',
  title: 'random joins, lines, partial lines and leaves match the model',
  requirement:
    'The server MUST behave as the reference model over any sequence of connects, whole and partial writes, disconnects and resets.',
  policy: 'persistent',
  slow: true,
  runs: 20,
  hint: {
    neutral:
      'Compare the script with the protocol: who was connected when each line was completed, and what each client must have received.',
  },
  async run(context) {
    await context.property(commands(context), async (run, cmds) => {
      const real: Real = { run, room: new Room(run, 'forbidden') };
      const state: Model = { present: new Map(), joined: 0, leftMidLine: false };
      await join(state, real);
      await join(state, real);
      await fc.asyncModelRun(() => ({ model: state, real }), cmds);
      while (heard(state) && midLine(state).length > 0) await new FinishLine(0).run(state, real);
      // No later line proves that a leaver's unfinished line was not relayed after all.
      await real.room.expectNothingMore({ quiet: state.leftMidLine });
    });
  },
};
