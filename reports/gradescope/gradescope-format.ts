import { plainDiagnoses } from '../plain-diagnoses.js';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { plainExplanation } from '../plain-explanation.js';
import type { FormatContext, ReportFormat, Visibility } from '../report-format.js';

/** One test as the autograder specification spells it (gradescope/autograder_samples, docs/specs.md). */
interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  /** Gradescope knows only these two. */
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly output_format: 'text';
  readonly visibility: Visibility;
}

/**
 * The results.json a Gradescope autograder writes. No top-level `max_score`: the spec has no such
 * field (nor does gradescope-utils write one); the points possible are the tests' `max_score`.
 */
interface GradescopeResults {
  /** The spec lets it override the tests' total; it is that total here, so the two never disagree. */
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly output_format: 'text';
  readonly visibility: 'visible';
  readonly stdout_visibility: 'hidden';
  readonly tests: readonly GradescopeTest[];
}

const testLabel = (test: TestResult): string => `${test.id} — ${test.title}`;

function gradescopeTest(test: TestResult, position: number, context: FormatContext): GradescopeTest {
  const passed = test.status === 'passed';
  return {
    name: testLabel(test),
    // The position in the suite, not in this list, so a test keeps its number when others are skipped.
    number: String(position + 1),
    score: test.score,
    max_score: test.maxScore,
    status: passed ? 'passed' : 'failed',
    output: passed ? `Checked: ${test.requirement}` : plainExplanation(test) || test.requirement,
    output_format: 'text',
    visibility: context.visibility(test.id),
  };
}

/**
 * The summary above the tests. It is always visible, so it names only visible tests and shows the
 * score only when every graded test is visible: Gradescope itself hides the total while tests are hidden.
 */
function overview(report: RunReport, graded: readonly TestResult[], context: FormatContext): string {
  const { summary } = report;
  const visible = graded.filter((test) => context.visibility(test.id) === 'visible');
  const counts = [
    `${summary.passed} passed`,
    `${summary.failed} failed`,
    ...(summary.errors > 0 ? [`${summary.errors} not tested`] : []),
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped (not graded)`] : []),
  ].join(', ');
  const lines = [
    `conform ${report.conformVersion}, suite ${report.suite}, seed ${report.seed}`,
    visible.length === graded.length
      ? `Score ${summary.score}/${summary.maxScore}: ${counts}`
      : 'Some tests are hidden for now; the score appears with them.',
  ];
  const failed = visible.filter((test) => test.status === 'failed');
  if (failed.length > 0) lines.push('', 'Failed:', ...failed.map((test) => `  ${testLabel(test)}`));
  // Only where every test is visible: a diagnosis names the tests it explains.
  if (visible.length === graded.length) {
    const diagnoses = plainDiagnoses(report);
    if (diagnoses.length > 0) lines.push('', ...diagnoses);
  }
  const errors = visible.filter((test) => test.status === 'error');
  if (errors.length > 0) {
    lines.push(
      '',
      'Not tested (conform could not judge the server):',
      ...errors.map((test) => `  ${testLabel(test)}: ${test.failure?.message ?? 'no reason given'}`),
    );
  }
  return lines.join('\n');
}

function gradescopeResults(report: RunReport, context: FormatContext): GradescopeResults {
  // Skipped tests are left out: Gradescope has no "skipped" status, so one would show as a lost point and
  // its max_score would join the total. gradescope-utils' JSONTestRunner leaves unittest skips out too.
  const positioned = report.tests.map((test, position) => ({ test, position }));
  const graded = positioned.filter(({ test }) => test.status !== 'skipped');
  const tests = graded.map(({ test, position }) => gradescopeTest(test, position, context));
  return {
    score: tests.reduce((sum, test) => sum + test.score, 0),
    execution_time: Math.round(report.durationMs / 1000),
    output: overview(
      report,
      graded.map(({ test }) => test),
      context,
    ),
    // Plain text throughout: explanations quote bytes the server sent, which Markdown or HTML would mangle.
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

/** Gradescope's results.json (autograder specification), one test a conform test, skipped tests left out. */
export const gradescopeFormat: ReportFormat = {
  name: 'gradescope',
  description: "Gradescope's autograder results.json",
  fileName: 'results.json',
  format: (report, context) => `${JSON.stringify(gradescopeResults(report, context), null, 2)}\n`,
};
