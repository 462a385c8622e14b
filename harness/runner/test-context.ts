import type fc from 'fast-check';
import type { EventLog } from '../driver/event-log.js';
import type { RunContext } from './run-scope.js';
import type { TestSettings } from './test-settings.js';

export interface PropertyOptions {
  readonly runs?: number;
}

/** What a test's `run` function is given. Every exchange with the server happens inside a run. */
export interface TestContext {
  readonly settings: TestSettings;
  readonly signal: AbortSignal;
  /** One run against the server: a fresh log and fresh connections. */
  run(body: (run: RunContext) => Promise<void>): Promise<void>;
  /** Many runs over generated values, shrunk to a smallest failing one; replayable by seed and path. */
  property<T>(
    arbitrary: fc.Arbitrary<T>,
    body: (run: RunContext, value: T) => Promise<void>,
    options?: PropertyOptions,
  ): Promise<void>;
  /** fast-check's commands for a model-based property, set up to replay a recorded failure exactly. */
  commands<Model extends object, Real>(
    arbitraries: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[],
    constraints?: fc.CommandsContraints,
  ): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>>;
}

/** The run under way when a test was stopped: what it had done by then. */
export interface StoppedRun {
  readonly log: EventLog;
  /** Handed to the kernel: what the server could have read. */
  readonly bytesSent: number;
  readonly bytesReceived: number;
}
