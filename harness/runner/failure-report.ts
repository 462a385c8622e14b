import { renderScript, renderTranscript } from '../checkers/script.js';
import { chooseHint } from '../hints/choose-hint.js';
import type { FailureEvidence } from '../hints/failure-evidence.js';
import { unansweredWithoutNewline } from '../hints/signs/line-buffered.js';
import { unansweredWhitespace } from '../hints/signs/stripped-whitespace.js';
import type { ServerLanguage } from '../hints/server-language.js';
import { describeExit } from '../supervisor/exit-info.js';
import { limitHint } from '../supervisor/sandbox/limits-reached.js';
import type { StartupError } from '../supervisor/startup-error.js';
import type { FailureReport } from '../results/test-result.js';
import { reportExchange } from './exchange-report.js';
import type { RunFailure } from './run-failure.js';
import type { ConformanceTest } from './suite.js';

/** What a failure's hint may fall back on: the test's id (which names its suite) and its own hint. */
type HintedTest = Pick<ConformanceTest, 'id' | 'hint'>;
/** The test of a given id, whose requirement and hint explain a step of its rule in another test. */
type RuleLookup = (id: string) => Pick<ConformanceTest, 'id' | 'hint' | 'requirement'> | undefined;

/** The failure of a run as plain report data: script, transcript, exchange, server state, hint and replay line. */
export function reportRunFailure(
  failure: RunFailure,
  test: HintedTest,
  language: ServerLanguage,
  replay: string,
  rules: RuleLookup = () => undefined,
): FailureReport {
  const details = failure.finding.details;
  const evidence: FailureEvidence = {
    suite: test.id.slice(0, test.id.indexOf('.')),
    details,
    events: failure.log.events,
    exit: failure.server?.exit,
    exitAtMs: exitAt(failure),
    stderr: failure.server?.stderr ?? '',
    stdout: failure.server?.stdout ?? '',
    unaccepted: failure.server?.unaccepted,
    unread: failure.server?.unread,
    busy: failure.server?.busy,
  };
  const rule = details.rule === undefined || details.rule === test.id ? undefined : rules(details.rule);
  const chosen = chooseHint(evidence, rule?.hint ?? test.hint, language);
  // The step is another rule's: its requirement and hint, not the test's, say what went wrong.
  const ruled = rule !== undefined && chosen !== undefined && chosen.cause === undefined ? rule : undefined;
  const hint =
    ruled === undefined || chosen === undefined
      ? chosen
      : {
          cause: `rule:${ruled.id}`,
          text: `This step is ${ruled.id}'s: ${ruled.requirement} ${chosen.text}`,
        };
  const exit = failure.server?.exit;
  const died =
    exit !== undefined && details.kind !== 'server-exit' ? ` (the server ${describeExit(exit)})` : '';
  const limits = failure.server?.limitsReached ?? [];
  const limited = limits.length > 0 ? `; the server ${limits.join(', and ')}` : '';
  return {
    kind: exit !== undefined && details.kind !== 'server-exit' ? 'server-exit' : details.kind,
    message: `${details.message}${died}${limited}`,
    counterexample: [
      ...renderScript(failure.log.events, details),
      ...(failure.property?.shrinkingCut === true
        ? ['# shrinking stopped at its time limit (--shrink-time): a smaller failing case may exist']
        : []),
    ],
    ...(failure.property !== undefined && { searched: true as const }),
    transcript: renderTranscript(failure.log.events, failure.log.dropped),
    replay,
    serverOutputTail:
      failure.server === undefined ? null : { stdout: failure.server.stdout, stderr: failure.server.stderr },
    exit: exit === undefined ? null : { code: exit.code, signal: exit.signal },
    ...(limits.length > 0
      ? {
          hint: limitHint,
          cause: 'limit',
        }
      : {
          hint: hint?.text ?? null,
          cause: hint?.cause ?? null,
          ...(ruled !== undefined && { rule: ruled.id }),
        }),
    expected: details.expected ?? null,
    actual: details.actual ?? null,
    diff: details.diff ?? null,
    ...seenIn(evidence),
    ...(failure.log.events.length > 0 && { exchange: reportExchange(failure.log.events, details) }),
  };
}

/** When the server ended, on the failing run's clock, where that is known. */
function exitAt(failure: RunFailure): number | undefined {
  const at = failure.server?.exitedAt;
  return at === undefined ? undefined : at - failure.log.origin;
}

/** What a failure shows that names no cause by itself, by name. */
const facts: readonly [string, (evidence: FailureEvidence) => boolean][] = [
  ['unanswered-without-newline', unansweredWithoutNewline],
  ['unanswered-whitespace', unansweredWhitespace],
];

function seenIn(evidence: FailureEvidence): { seen?: string[] } {
  const seen = facts.filter(([, shows]) => shows(evidence)).map(([name]) => name);
  return seen.length === 0 ? {} : { seen };
}

/** A failure with nothing to show but its kind and message; the fields given replace the empty ones. */
export function plainFailure(
  kind: FailureReport['kind'],
  message: string,
  fields: Partial<FailureReport> = {},
): FailureReport {
  return {
    kind,
    message,
    counterexample: null,
    transcript: [],
    replay: null,
    serverOutputTail: null,
    exit: null,
    hint: null,
    cause: null,
    expected: null,
    actual: null,
    diff: null,
    ...fields,
  };
}

/** A server that could not be started, as report data. */
export function reportStartupError(error: StartupError, replay: string): FailureReport {
  const kind =
    error.reason === 'foreign-port'
      ? 'foreign-port'
      : error.reason === 'not-given-port'
        ? 'fixed-port'
        : 'startup';
  return plainFailure(kind, error.message, {
    replay,
    serverOutputTail: { stdout: error.stdout, stderr: error.stderr },
    exit: error.exit === undefined ? null : { code: error.exit.code, signal: error.exit.signal },
    hint: error.hint ?? null,
  });
}

/** A failure of conform itself: no fault of the server's. */
export function reportInternalError(error: unknown): FailureReport {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? error.stack.split('\n') : [];
  return plainFailure(
    'internal',
    `conform failed while testing (a bug in conform, not in the server): ${message}`,
    {
      transcript: stack,
    },
  );
}

/** A test stopped by Ctrl-C or SIGTERM: not a verdict about the server. */
export function reportInterrupted(signal: AbortSignal): FailureReport {
  const reason: unknown = signal.reason;
  return plainFailure('interrupted', reason instanceof Error ? reason.message : 'the run was stopped');
}
