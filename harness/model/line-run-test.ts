import type fc from 'fast-check';
import { SuiteError } from '../api/define-suite.js';
import type { Hint } from '../hints/phrasing.js';
import type { RunContext } from '../runner/run-scope.js';
import type { ConformanceTest } from '../runner/suite.js';
import { lineActions } from './line-actions.js';
import { LineModelRun, type LineRunSettings } from './line-model-run.js';
import type { LineReferee } from './line-referee.js';

/** What every generated test of a line protocol takes, whatever its expected behaviour comes from. */
export interface LineRunTestOptions {
  readonly id: string;
  readonly title: string;
  readonly requirement: string;
  readonly hint?: Hint;
  readonly points?: number;
  /** Generated cases (default 30): each starts a server of its own. */
  readonly runs?: number;
  readonly timeLimitMs?: number;
  /** The lines a client may send, without their line ending (`lineTemplate` makes them from templates). */
  readonly lines: fc.Arbitrary<string>;
  /** Clients connected at once, at most (default 4). */
  readonly maxClients?: number;
  /** Steps in a generated case, at most (default 25). */
  readonly maxSteps?: number;
  /** The line ending clients send and the server must send (default LF). */
  readonly ending?: '\n' | '\r\n';
  /**
   * Clients every case begins with, before its generated steps: each connects and sends its lines
   * in turn (a login, a name, a room), so that the steps find them there. `[['/nick alice'],
   * ['/nick bob', '/join #dev']]`. Without it, a case begins with one client and no line.
   */
  readonly opening?: readonly (readonly string[])[];
}

/**
 * A test that runs generated cases (clients connecting, sending lines whole or split across writes,
 * closing and resetting) against a fresh server each, judged by the referee `refereeFor` gives each
 * run, and shrinks a failing case to a smallest one that replays.
 */
export function lineRunTest(
  options: LineRunTestOptions,
  run: Omit<LineRunSettings, 'maxClients' | 'ending'>,
  refereeFor: (context: RunContext, ending: '\n' | '\r\n') => LineReferee,
): ConformanceTest {
  const maxClients = options.maxClients ?? 4;
  const ending = options.ending ?? '\n';
  const opening = options.opening ?? [];
  if (opening.length > maxClients) {
    throw new SuiteError(
      `test \`${options.id}\` opens with ${opening.length} clients, more than its maxClients (${maxClients})`,
    );
  }
  const settings: LineRunSettings = { ...run, maxClients, ending, opening };
  const cases = lineActions(options.lines, maxClients, options.maxSteps ?? 25);
  return {
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
      await context.property(cases, (scope, actions) =>
        new LineModelRun(scope, settings, refereeFor(scope, ending)).play(actions),
      );
    },
  };
}
