import type { RunReport, RunSummary } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import type { ReportFormat } from '../report-format.js';

type ClassroomStatus = 'pass' | 'fail' | 'error';

/** One test of a runner's result, with the fields classroom-resources' graders write. */
interface ClassroomTest {
  readonly name: string;
  readonly status: ClassroomStatus;
  /** The reporter adds these up for the grade it sends to Classroom. */
  readonly score: number;
  /** Not read by the reporter (it takes the runner's `max_score`), kept for anyone reading the JSON. */
  readonly max_score: number;
  readonly message: string | null;
  /** Printed under the test in the reporter's log, whatever the status. */
  readonly test_code: string;
  readonly filename: string;
  /** 0, or the reporter prints "- line <line_no>" after the name. */
  readonly line_no: number;
  /** Milliseconds, as autograding-command-grader writes it. */
  readonly duration: number;
}

interface ClassroomResult {
  readonly version: 1;
  readonly status: ClassroomStatus;
  readonly max_score: number;
  readonly tests: readonly ClassroomTest[];
}

const textLimit = 2000;
// The reporter step receives the result as one environment variable, and Linux refuses one over 128 KiB
// (MAX_ARG_STRLEN): base64 of this many bytes of JSON stays under it.
const jsonBudget = 96_000;

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const marker = `\n… (${text.length - limit} more characters cut)`;
  return `${text.slice(0, Math.max(0, limit - marker.length))}${marker}`;
}

function message(test: TestResult): string | null {
  if (test.status === 'passed') return null;
  const failure = test.failure;
  if (failure === undefined) return `${test.status}: ${test.requirement}`;
  return [
    failure.message,
    ...(failure.hint !== null ? [`Hint: ${failure.hint}`] : []),
    ...(failure.replay !== null ? [`Replay: ${failure.replay}`] : []),
  ].join('\n');
}

/** The shrunk script and the replay: the reporter's log prints these under a failed test, not its message. */
function testCode(test: TestResult): string {
  const failure = test.failure;
  if (test.status === 'passed' || failure === undefined) return '';
  return [
    ...(failure.counterexample ?? []),
    ...(failure.replay !== null ? [`Replay: ${failure.replay}`] : []),
  ].join('\n');
}

function classroomTest(test: TestResult, limit: number): ClassroomTest {
  const text = message(test);
  return {
    name: `${test.id} — ${test.title}`,
    status: test.status === 'passed' ? 'pass' : test.status === 'failed' ? 'fail' : 'error',
    score: test.score,
    max_score: test.maxScore,
    message: text === null ? null : cut(text, limit),
    test_code: cut(testCode(test), limit),
    filename: '',
    line_no: 0,
    duration: test.durationMs,
  };
}

/** As conform's exit code decides: an error (could not test) first, then a failure. */
function runStatus(summary: RunSummary): ClassroomStatus {
  if (summary.errors > 0) return 'error';
  return summary.failed > 0 ? 'fail' : 'pass';
}

function classroomResult(report: RunReport, limit: number): ClassroomResult {
  // Skipped tests are left out, as they are of max_score: the reporter has no "skipped" and would print ❌.
  const graded = report.tests.filter((test) => test.status !== 'skipped');
  return {
    version: 1,
    status: runStatus(report.summary),
    max_score: report.summary.maxScore,
    tests: graded.map((test) => classroomTest(test, limit)),
  };
}

/** The result as JSON, its messages cut shorter while it is over the budget. */
function classroomJson(report: RunReport): string {
  let limit = textLimit;
  let json = JSON.stringify(classroomResult(report, limit));
  while (Buffer.byteLength(json) > jsonBudget && limit > 0) {
    limit = Math.floor(limit / 2);
    json = JSON.stringify(classroomResult(report, limit));
  }
  return json;
}

/**
 * The result of a GitHub Classroom runner, for classroom-resources/autograding-grading-reporter: the
 * line `result=<base64 of the JSON>`, ready for the step's `$GITHUB_OUTPUT` file (autograding-python-grader
 * writes the same line), so one step sets the output: `--reporter classroom="$GITHUB_OUTPUT"`, or
 * `cat classroom.txt >> "$GITHUB_OUTPUT"`. With that step's id `conform`, the reporter step takes
 * `with: runners: conform`, `env: CONFORM_RESULTS: ${{ steps.conform.outputs.result }}`, and
 * `if: always()` to run after a conform step that failed because tests did.
 *
 * The points the reporter passes on to Classroom (its NotifyClassroom, the "Autograding report"
 * annotation) are the sum of the tests' `score` out of the `max_score` here, so weighted points reach
 * it. The table in the reporter's log instead shows (tests passed / tests listed) × max_score, which
 * differs when tests weigh differently.
 */
export const classroomFormat: ReportFormat = {
  name: 'classroom',
  description: "GitHub Classroom's runner result (a `result=` line for $GITHUB_OUTPUT)",
  fileName: 'classroom.txt',
  format: (report) => `result=${Buffer.from(classroomJson(report), 'utf8').toString('base64')}\n`,
};
