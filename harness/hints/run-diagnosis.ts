import type { FailureReport, FailureReportKind, TestResult } from '../results/test-result.js';

/** What a cause, once a failure of the run shows it by its own evidence, explains in the others. */
interface Family {
  readonly root: string;
  /** The causes its other failures are read as: what the same mistake looks like from another test. */
  readonly symptoms: readonly string[];
  /** Failures no sign explained, of these kinds (a wait that ran out, a close), are its doing too. */
  readonly unexplained?: readonly FailureReportKind[];
  /** Failures no sign explained that show one of these (FailureReport.seen) are its doing too. */
  readonly seen?: readonly string[];
}

/**
 * The causes that explain others, surest first. One mistake fails many tests, and each test sees
 * it from its own side: an echo of one read is a reset where megabytes were sent, an answer to the
 * wrong client is a client left waiting, replies held in a buffer are a silence.
 */
const families: readonly Family[] = [
  {
    root: 'other-client-bytes',
    symptoms: [
      'answered-elsewhere',
      'first-read-only',
      'closed-early',
      'closed-after-half-close',
      'reset-by-server',
      'stall-after-pause',
      'one-client-at-a-time',
    ],
    unexplained: ['timeout', 'eof'],
  },
  {
    root: 'lost-bytes',
    symptoms: [
      'closed-early',
      'closed-after-half-close',
      'held-back-output',
      'stall-after-pause',
      'reset-by-server',
    ],
    unexplained: ['timeout', 'eof'],
  },
  {
    root: 'first-read-only',
    symptoms: ['closed-early', 'closed-after-half-close', 'reset-by-server', 'stall-after-pause'],
  },
  // A client silent for a moment in another test was dropped for it.
  {
    root: 'silent-client-dropped',
    // The same timer: a read timeout also ends a send that waits on a client that is not reading.
    symptoms: ['closed-early', 'reset-by-server', 'stall-after-pause'],
    unexplained: ['eof', 'reset'],
  },
  // A server that reads lines: one read's worth is up to a newline, and text with none gets no echo.
  {
    root: 'line-buffered',
    symptoms: [
      'first-read-only',
      'closed-early',
      'closed-after-half-close',
      'reset-by-server',
      'stall-after-pause',
    ],
    seen: ['unanswered-without-newline'],
  },
  { root: 'held-back-output', symptoms: [], unexplained: ['timeout'] },
  { root: 'stall-after-pause', symptoms: ['closed-early', 'closed-after-half-close', 'reset-by-server'] },
  { root: 'one-client-at-a-time', symptoms: ['never-closed'] },
  { root: 'cr-kept', symptoms: [], unexplained: ['mismatch'] },
  // One line buffer for all clients: any line may be cut or run into another's.
  { root: 'shared-line-buffer', symptoms: ['mixed-lines', 'text-cut', 'unfinished-line-relayed'] },
  // A line relayed in pieces: cut where one read ended, or a leaver's unfinished part passed on.
  { root: 'mixed-lines', symptoms: ['text-cut', 'unfinished-line-relayed'] },
  { root: 'text-spaces-collapsed', symptoms: ['text-trimmed'] },
  // Echo of stripped text: a write of nothing but whitespace gets nothing back.
  { root: 'text-trimmed', symptoms: [], seen: ['unanswered-whitespace'] },
  // A text that starts with a space has no first word: an error reply to the sender, nothing relayed.
  {
    root: 'text-split-on-spaces',
    symptoms: ['text-cut', 'text-trimmed'],
    unexplained: ['mismatch', 'timeout'],
  },
];

function explains(family: Family, failure: FailureReport): boolean {
  const cause = failure.cause;
  // A rule's hint is the last resort, as a test's own is: evidence another test shows comes first.
  if (cause === null || cause.startsWith('rule:')) {
    return (
      family.unexplained?.includes(failure.kind) === true ||
      (failure.seen ?? []).some((seen) => family.seen?.includes(seen) === true)
    );
  }
  return family.symptoms.includes(cause);
}

/**
 * The run's failures read together: where a failure shows a cause by its own evidence, every other
 * failure of the run that is what that cause looks like from another test is explained by it too,
 * with its hint, and says which test showed it. A failure of another cause keeps its own. Then a
 * failure at a step of another test's rule joins that test's own failure.
 */
export function diagnoseRun(tests: readonly TestResult[]): TestResult[] {
  return byRule(byFamily(tests));
}

/**
 * A test that fails at a step of another test's rule fails for the same reason that other test
 * does, where it failed too with its own hint: one problem, shown by the rule's own test.
 */
function byRule(tests: readonly TestResult[]): TestResult[] {
  const broken = new Set(
    tests.flatMap((test) => (test.failure?.rule === undefined ? [] : [test.failure.rule])),
  );
  const shows = (test: TestResult): boolean =>
    test.status === 'failed' && test.failure?.cause === null && broken.has(test.id);
  return tests.map((test) => {
    const failure = test.failure;
    if (failure === undefined) return test;
    if (shows(test)) return { ...test, failure: { ...failure, cause: `rule:${test.id}` } };
    const owner = tests.find((other) => other.id === failure.rule);
    if (owner === undefined || !shows(owner)) return test;
    return { ...test, failure: { ...failure, shownBy: owner.id } };
  });
}

function byFamily(tests: readonly TestResult[]): TestResult[] {
  const shown = families
    .map((family) => ({ family, at: tests.find((test) => test.failure?.cause === family.root) }))
    .filter((entry): entry is { family: Family; at: TestResult } => entry.at !== undefined);
  return tests.map((test) => {
    const failure = test.failure;
    if (failure === undefined || test.status !== 'failed') return test;
    const by = shown.find((entry) => entry.at !== test && explains(entry.family, failure));
    const hint = by?.at.failure?.hint;
    if (by === undefined || hint === undefined || hint === null) return test;
    const { rule, ...unruled } = failure;
    return {
      ...test,
      failure: {
        ...unruled,
        cause: by.family.root,
        shownBy: by.at.id,
        hint: `As ${by.at.id} shows: ${hint}`,
      },
    };
  });
}
