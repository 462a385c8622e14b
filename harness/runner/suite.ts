import type { Hint } from '../hints/phrasing.js';
import type { TestContext } from './test-context.js';

/**
 * How a test uses the server it is given.
 * - `content`: judges what the server does with one client's bytes. A server that serves one client and
 *   exits (the course's first echo server) is restarted between runs, so it is judged fairly.
 * - `persistent`: judges the server across clients; if it exits, that is a finding.
 * - `fresh`: each run starts a server of its own, so what one run leaves in it (a store's keys) cannot
 *   reach the next; if it exits during a run, that is a finding.
 */
export type ServerPolicy = 'content' | 'persistent' | 'fresh';

/** One conformance test, as data: what it checks, the sentence of the protocol it checks, and how. */
export interface ConformanceTest {
  readonly id: string;
  readonly title: string;
  /** The requirement, quoted from the protocol document. */
  readonly requirement: string;
  readonly points?: number;
  readonly policy: ServerPolicy;
  /** Runs of a property test when --runs is not given. */
  readonly runs?: number;
  /** What usually causes this test to fail, said to the student. */
  readonly hint?: Hint;
  /**
   * Takes a second or so whatever the server does (a stall, or many runs): begun before the others
   * when tests run at once, so that it does not end the run alone.
   */
  readonly slow?: boolean;
  /**
   * Spends seconds waiting on a timer (clients kept silent), not working: when tests run at once it
   * begins first and runs beside them, in no place of `--jobs`, so its wait adds nothing to the run.
   */
  readonly waits?: boolean;
  /** An upper bound for the whole test (all runs, shrinking included). */
  readonly timeLimitMs?: number;
  /**
   * Takes its expected behaviour from the suite's oracle (`Suite.oracle`, or --oracle): a solution
   * server started beside the server under test for each run, reached with `RunContext.connectOracle`.
   */
  readonly oracle?: boolean;
  run(context: TestContext): Promise<void>;
}

export interface Suite {
  readonly name: string;
  readonly title: string;
  /** Where the protocol is written down, relative to the package root. */
  readonly protocolDoc: string;
  readonly tests: readonly ConformanceTest[];
  /**
   * The versions of conform the suite works with, as an npm range (`^0.1`, `>=0.1 <2`): a conform
   * outside it refuses to load the suite, naming the range.
   */
  readonly conform?: string;
  /**
   * A solution server whose behaviour is the expected one, for tests that ask for it (`oracle: true`):
   * its command and arguments, `{port}` for the port it must listen on, run in the suite's folder,
   * e.g. `['python3', 'solution.py', '{port}']`. --oracle gives another.
   */
  readonly oracle?: readonly string[];
  /**
   * The file conform loaded the suite from (set by conform, absent for its own suites): an error its
   * tests' code throws is the suite's, named by this file, not a failure of the server.
   */
  readonly source?: string;
}
