import fc from 'fast-check';
import { Finding, isFinding } from '../checkers/finding.js';
import type { EventLog } from '../driver/event-log.js';
import { endedBetweenRuns } from './ended-between-runs.js';
import type { RunningServer } from '../supervisor/start-server.js';
import type { ProgressFeed } from './progress-feed.js';
import type { OracleLink } from '../oracle/oracle-link.js';
import { RunFailure } from './run-failure.js';
import type { RunKnowledge } from './run-knowledge.js';
import { asError } from './as-error.js';
import { commandsPath } from './commands-path.js';
import { shrinkWaitMs, waitedOut } from './shrink-wait.js';
import { RunScope, type RunContext } from './run-scope.js';
import type { PropertyOptions, StoppedRun, TestContext } from './test-context.js';
import { serverAtFailure } from './server-at-failure.js';
import type { ServerSession } from './server-session.js';
import type { ConformanceTest } from './suite.js';
import type { TestSettings } from './test-settings.js';

const defaultRuns = 100;
/** The failing run cannot be judged on a fresh server: the server had served a client and went away. */
class Retry extends Error {}

/**
 * A failure that belongs to the test, not to the value being tried: the server ended after an earlier
 * run passed. Shrinking it would only blame smaller values for what the earlier run left behind.
 */
class Fatal extends Error {
  readonly failure: RunFailure;
  constructor(failure: RunFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export class TestRun implements TestContext {
  readonly settings: TestSettings;
  readonly signal: AbortSignal;
  readonly #test: ConformanceTest;
  readonly #session: ServerSession;
  readonly #knowledge: RunKnowledge;
  #scope: RunScope | undefined;
  #lastPassed: EventLog | undefined;
  #stoppedDuring: StoppedRun | undefined;
  readonly #progress: ProgressFeed | undefined;
  readonly #oracle: OracleLink | undefined;

  constructor(
    test: ConformanceTest,
    session: ServerSession,
    settings: TestSettings,
    knowledge: RunKnowledge,
    signal: AbortSignal,
    progress?: ProgressFeed,
    oracle?: OracleLink,
  ) {
    this.#oracle = oracle;
    this.#test = test;
    this.#session = session;
    this.#knowledge = knowledge;
    this.settings = settings;
    this.signal = signal;
    this.#progress = progress;
    signal.addEventListener(
      'abort',
      () => {
        const scope = this.#scope;
        if (scope === undefined) return;
        const { log, bytesSent, bytesReceived } = scope;
        this.#stoppedDuring = { log, bytesSent, bytesReceived };
        scope.abortAll(interrupted(signal));
      },
      { once: true },
    );
  }

  /** The run under way when the test's signal stopped it (Ctrl-C, a time limit), if one was. */
  get stoppedDuring(): StoppedRun | undefined {
    return this.#stoppedDuring;
  }

  async run(body: (run: RunContext) => Promise<void>): Promise<void> {
    try {
      await this.#runOnce(body);
    } catch (error) {
      throw error instanceof Fatal ? error.failure : error;
    }
  }

  async property<T>(
    arbitrary: fc.Arbitrary<T>,
    body: (run: RunContext, value: T) => Promise<void>,
    options: PropertyOptions = {},
  ): Promise<void> {
    const replay = this.settings.replay?.testId === this.#test.id ? this.settings.replay : undefined;
    let fatal: Error | undefined;
    let firstFailure: number | undefined;
    let first: { readonly failure: RunFailure; readonly index: number } | undefined;
    let tried = 0;
    let hurried = false;
    let shrinkingCut = false;
    const predicate = fc.asyncProperty(arbitrary, async (value) => {
      // Once the test itself has failed, every further run fails at once, so fast-check ends quickly.
      if (fatal !== undefined) throw fatal;
      // Out of time for shrinking: the cases still to try count as passing, so the smallest failing
      // case found so far is the one reported, with a path that replays it.
      if (firstFailure !== undefined && performance.now() - firstFailure > this.settings.shrinkTimeMs) {
        shrinkingCut = true;
        return;
      }
      this.#progress?.runBegins();
      const index = tried;
      tried += 1;
      // A try while shrinking waits only as long as this server has shown it needs, where the case
      // found can be run again at the full wait to confirm it (a model's commands cannot).
      const wait =
        firstFailure === undefined || fc.hasCloneMethod(value)
          ? undefined
          : shrinkWaitMs(this.#knowledge, this.settings.replyTimeoutMs);
      if (wait !== undefined) hurried = true;
      try {
        await this.#runOnce((run) => body(run, value), wait);
      } catch (error) {
        if (firstFailure === undefined && error instanceof RunFailure) first = { failure: error, index };
        firstFailure ??= performance.now();
        // Only a failing case is shrunk; an interruption or a harness error just ends the test.
        if (error instanceof RunFailure) this.#progress?.runFailed();
        if (!(error instanceof RunFailure)) fatal = error instanceof Fatal ? error.failure : asError(error);
        throw error;
      }
    });
    const numRuns = this.settings.runs ?? options.runs ?? this.#test.runs ?? defaultRuns;
    this.#progress?.propertyBegins(replay === undefined ? numRuns : undefined);
    const details = await fc.check(predicate, {
      seed: replay?.seed ?? this.settings.seed,
      numRuns,
      // A replay runs the recorded case once; it is already as small as shrinking made it.
      ...(replay !== undefined && { path: replay.path, endOnFailure: true }),
    });
    if (fatal !== undefined) throw fatal;
    if (!details.failed) return;
    const failure = details.errorInstance;
    if (!(failure instanceof RunFailure)) throw failure;
    const position = {
      seed: details.seed,
      path: details.counterexamplePath ?? '0',
      numRuns: details.numRuns,
      numShrinks: details.numShrinks,
      shrinkingCut,
      ...commandsPath(details.counterexample),
    };
    const counterexample = details.counterexample;
    // Only a wait that ran out depends on how long it was: a run that failed otherwise failed before.
    const waited = waitedOut(failure.finding.details.kind);
    if (!hurried || !waited || first === undefined || counterexample === null) throw failure.at(position);
    // The smallest case, run again with the full wait: it fails as reported, or the shrink went
    // further than the full wait would have, and the case first found is the one reported.
    this.#progress?.runBegins();
    try {
      await this.#runOnce((run) => body(run, counterexample[0]));
    } catch (error) {
      if (error instanceof RunFailure) throw error.at(position);
      throw error instanceof Fatal ? error.failure : error;
    }
    throw first.failure.at({ ...position, path: String(first.index), numShrinks: 0, shrinkingCut: false });
  }

  commands<Model extends object, Real>(
    arbitraries: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[],
    constraints: fc.CommandsContraints = {},
  ): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>> {
    const replayPath =
      this.settings.replay?.testId === this.#test.id ? this.settings.replay.commands : undefined;
    return fc.commands(arbitraries, { ...constraints, ...(replayPath !== undefined && { replayPath }) });
  }

  /** One run of `body`; its reads wait `replyTimeoutMs` for a reply where given, not the settings' wait. */
  async #runOnce(body: (run: RunContext) => Promise<void>, replyTimeoutMs?: number): Promise<void> {
    try {
      await this.#attempt(body, replyTimeoutMs);
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
      // The server had served a client and then went away: judge this run on a fresh one.
      await this.#attempt(body, replyTimeoutMs);
    }
  }

  async #attempt(body: (run: RunContext) => Promise<void>, replyTimeoutMs?: number): Promise<void> {
    this.signal.throwIfAborted();
    this.#checkStillServing();
    // A run that must find the server as it starts gets one of its own.
    if (this.#test.policy === 'fresh') await this.#stopServers();
    // The oracle starts beside the server: a run that needs it does not wait for it after.
    const oracle = this.#test.oracle === true ? this.#oracle?.session.ensure(this.signal) : undefined;
    oracle?.catch(() => undefined);
    const server = await this.#session.ensure(this.signal);
    const servedBefore = this.#session.connectionsOnCurrent;
    const settings = replyTimeoutMs === undefined ? this.settings : { ...this.settings, replyTimeoutMs };
    const patient = replyTimeoutMs === undefined;
    const scope = new RunScope(
      this.#session,
      server,
      settings,
      this.#knowledge,
      this.signal,
      patient,
      this.#oracle,
    );
    this.#scope = scope;
    try {
      await body(scope);
      await scope.closeAll();
      this.#lastPassed = scope.log;
    } catch (error) {
      if (this.signal.aborted) throw interrupted(this.signal);
      if (!isFinding(error)) throw error;
      throw await this.#failed(error, scope, server, servedBefore);
    } finally {
      this.#scope = undefined;
    }
  }

  async #failed(
    finding: Finding,
    scope: RunScope,
    server: RunningServer,
    servedBefore: number,
  ): Promise<Error> {
    const process = server.process;
    const { state, wentAway } = await serverAtFailure(finding, this.#session, scope, server);
    // The next run gets a fresh server, so one failure cannot spill into the next.
    await this.#stopServers();
    // Looked at once the server is stopped: a limit met while the failure was being seen still counts.
    const limited = { ...state, limitsReached: process.limitsReached() };
    const failure = new RunFailure(finding, scope.log, limited);
    if (!wentAway || servedBefore === 0) return failure;
    if (this.#test.policy === 'content') return new Retry();
    // Gone before this run could send it anything: it ended after the previous run's clients left. A
    // server that exits cleanly may still have taken this run's first connection into its listen
    // queue and bytes into its socket before it went: if it answered none of them, the same.
    const clean = process.exit?.code === 0 && process.exit.signal === null;
    const untouched = scope.bytesWritten === 0 || (clean && scope.bytesReceived === 0);
    if (untouched && this.#lastPassed !== undefined && process.exit !== undefined) {
      return new Fatal(endedBetweenRuns(process.exit, this.#lastPassed, limited));
    }
    return failure;
  }

  /** Stops the server, and the oracle with it: the next run finds both as they start. */
  async #stopServers(): Promise<void> {
    await Promise.all([this.#session.stop(), this.#oracle?.session.stop()]);
  }

  /** A test that judges the server across clients fails if the server ended by itself between runs. */
  #checkStillServing(): void {
    const current = this.#session.current;
    if (this.#test.policy !== 'persistent' || current === undefined) return;
    const process = current.process;
    if (process.exit === undefined || !process.exitedOnItsOwn) return;
    throw new Fatal(
      endedBetweenRuns(process.exit, this.#lastPassed as EventLog, {
        exit: process.exit,
        exitedAt: process.exitedAt,
        stdout: process.stdout.text(),
        stderr: process.stderr.text(),
      }),
    );
  }
}

function interrupted(signal: AbortSignal): Finding {
  const reason: unknown = signal.reason;
  return new Finding({
    kind: 'interrupted',
    message: reason instanceof Error ? reason.message : 'the test was interrupted',
  });
}
