import type fc from 'fast-check';
import type { Hint } from '../hints/phrasing.js';
import type { ConformanceTest } from '../runner/suite.js';
import { lineActions } from './line-actions.js';
import type { LineModel } from './line-model.js';
import { LineModelRun } from './line-model-run.js';

/** A model-based test of a line protocol, as its author describes it. */
export interface LineModelTestOptions<State> {
  readonly id: string;
  readonly title: string;
  readonly requirement: string;
  readonly hint?: Hint;
  readonly points?: number;
  /** Generated cases (default 30): each starts a server of its own. */
  readonly runs?: number;
  readonly timeLimitMs?: number;
  readonly model: LineModel<State>;
  /** The lines a client may send, without their line ending (`lineTemplate` makes them from templates). */
  readonly lines: fc.Arbitrary<string>;
  /**
   * A line the server answers its sender with exactly one line and that changes nothing (a PING, a
   * WHO): after every step each client sends it, and has then received all it is owed. Without one,
   * every step waits a quiet period instead: slower, and blind to lines that come later than that.
   */
  readonly barrier?: string;
  /** Clients connected at once, at most (default 4). */
  readonly maxClients?: number;
  /** Steps in a generated case, at most (default 25). */
  readonly maxSteps?: number;
  /** The line ending clients send and the server must send (default LF). */
  readonly ending?: '\n' | '\r\n';
}

/** A model-based test, with its model: `conform reference` serves a suite's model over TCP. */
export interface LineModelConformanceTest extends ConformanceTest {
  readonly lineModel: { readonly model: LineModel<unknown>; readonly ending: '\n' | '\r\n' };
}

/** Whether `test` was made by lineModelTest, and so carries its model. */
export function hasLineModel(test: ConformanceTest): test is LineModelConformanceTest {
  return 'lineModel' in test;
}

/**
 * A test that runs generated cases (clients connecting, sending lines whole or split across writes,
 * closing and resetting) against a fresh server each, checks that every client receives exactly the
 * lines `model` gives it, and shrinks a failing case to a smallest one that replays.
 */
export function lineModelTest<State>(options: LineModelTestOptions<State>): LineModelConformanceTest {
  const maxClients = options.maxClients ?? 4;
  const settings = {
    model: options.model,
    barrier: options.barrier,
    maxClients,
    ending: options.ending ?? '\n',
  };
  const cases = lineActions(options.lines, maxClients, options.maxSteps ?? 25);
  return {
    lineModel: { model: options.model, ending: settings.ending },
    id: options.id,
    title: options.title,
    requirement: options.requirement,
    policy: 'fresh',
    slow: true,
    runs: options.runs ?? 30,
    ...(options.hint !== undefined && { hint: options.hint }),
    ...(options.points !== undefined && { points: options.points }),
    ...(options.timeLimitMs !== undefined && { timeLimitMs: options.timeLimitMs }),
    async run(context) {
      await context.property(cases, (run, actions) => new LineModelRun(run, settings).play(actions));
    },
  };
}
