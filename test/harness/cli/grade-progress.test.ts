import { describe, expect, it } from 'vitest';
import { gradeProgress } from '../../../harness/cli/grade-progress.js';
import type { SubmissionGrade } from '../../../harness/results/class-report.js';

function grade(id: string, status: SubmissionGrade['status']): SubmissionGrade {
  return {
    id,
    status,
    score: status === 'passed' ? 2 : 0,
    maxScore: 2,
    errorKind: status === 'error' ? 'build' : null,
    graded: true,
    durationMs: 1500,
    report: `submissions/${id}/report.json`,
    tests: {},
  };
}

function stream(isTTY: boolean): {
  text: () => string;
  write: (chunk: string) => boolean;
  isTTY: boolean;
  columns: number;
} {
  let written = '';
  return {
    text: () => written,
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
    isTTY,
    columns: 100,
  };
}

describe('gradeProgress', () => {
  it('prints a plain line per submission when the output is not a terminal', () => {
    const out = stream(false);
    const progress = gradeProgress(out, false);
    progress.onPlanned?.(3, 1);
    progress.onGraded?.(grade('alice', 'passed'), true);
    progress.onGraded?.(grade('bob', 'error'), false);
    progress.onGraded?.(grade('carol', 'failed'), false);
    progress.stop();
    expect(out.text()).toBe(
      [
        'grading 3 submissions (1 already graded with this config: kept)',
        '[1/3] alice  2/2  passed  (kept)',
        '[2/3] bob  0/2  error (build)  (1.5 s)',
        '[3/3] carol  0/2  failed  (1.5 s)',
        '',
      ].join('\n'),
    );
  });

  it('counts one submission in the singular', () => {
    const out = stream(false);
    const progress = gradeProgress(out, false);
    progress.onPlanned?.(1, 0);
    progress.stop();
    expect(out.text()).toBe('grading 1 submission\n');
  });

  it('prints nothing per submission with --quiet', () => {
    const out = stream(false);
    const progress = gradeProgress(out, true);
    progress.onPlanned?.(1, 0);
    progress.onGraded?.(grade('alice', 'passed'), false);
    expect(out.text()).toBe('');
  });

  it('draws a bar with done/total, what is not passing and an ETA on a terminal', () => {
    const out = stream(true);
    const progress = gradeProgress(out, false);
    progress.onPlanned?.(4, 0);
    progress.onGraded?.(grade('alice', 'passed'), false);
    progress.onGraded?.(grade('bob', 'failed'), false);
    progress.stop();
    // eslint-disable-next-line no-control-regex
    const screen = out.text().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(screen).toMatch(/grading .* 2\/4 · 1 not passing · ETA /);
    expect(screen).not.toContain('[1/4]');
  });
});
