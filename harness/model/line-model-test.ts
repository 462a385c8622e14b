import type { ConformanceTest } from '../runner/suite.js';
import type { LineModel } from './line-model.js';
import { lineRunTest, type LineRunTestOptions } from './line-run-test.js';
import { ModelReferee } from './model-referee.js';

/** A model-based test of a line protocol, as its author describes it. */
export interface LineModelTestOptions<State> extends LineRunTestOptions {
  readonly model: LineModel<State>;
  /**
   * A line the server answers its sender with exactly one line and that changes nothing (a PING, a
   * WHO): after every step each client sends it, and has then received all it is owed. Without one,
   * every step waits a quiet period instead: slower, and blind to lines that come later than that.
   */
  readonly barrier?: string;
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
  const test = lineRunTest(options, { barrier: options.barrier }, () => new ModelReferee(options.model));
  return { ...test, lineModel: { model: options.model, ending: options.ending ?? '\n' } };
}
