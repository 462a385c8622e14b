import type { ConformanceTest } from '../runner/suite.js';
import { lineRunTest, type LineRunTestOptions } from './line-run-test.js';
import { OracleReferee, type BarrierReply } from './oracle-referee.js';

/** A test of a line protocol whose expected behaviour is the suite's oracle's, as its author describes it. */
export interface LineOracleTestOptions extends LineRunTestOptions {
  /**
   * A line the server answers its sender with exactly one line and that changes nothing (a `/who`, a
   * PING): after every step each client sends it to both servers, and must have received what the
   * oracle sent up to its answer.
   */
  readonly barrier: string;
  /**
   * How the oracle's answer to the barrier looks, and no other line it sends (but its answers to
   * the barrier line sent as a step): a pattern (`/^\* In #/`) or a test of a line. Lines before it
   * are owed from earlier steps.
   */
  readonly barrierReply: BarrierReply;
  /**
   * Maps a line to what is compared of it, on both sides, where lines may rightly differ (a time, a
   * generated id): `(line) => line.replace(/\d\d:\d\d/, 'hh:mm')`. Lines are compared exactly without one.
   */
  readonly normalise?: (line: string) => string;
}

/**
 * A test that runs generated cases (clients connecting, sending lines whole or split across writes,
 * closing and resetting) against a fresh server and a fresh oracle each (the suite's solution
 * server, `oracle` in defineSuite), checks that after every step each client has received what the
 * oracle sent its twin, and shrinks a failing case to a smallest one that replays.
 */
export function lineOracleTest(options: LineOracleTestOptions): ConformanceTest {
  const test = lineRunTest(
    options,
    {
      barrier: options.barrier,
      ...(options.normalise !== undefined && { normalise: options.normalise }),
    },
    (run, ending) => new OracleReferee(run, ending, options.barrier, options.barrierReply),
  );
  return { ...test, oracle: true };
}
