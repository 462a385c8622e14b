import cliProgress from 'cli-progress';
import type { GradeProgress } from '../grade/grade-class.js';
import type { SubmissionGrade } from '../results/class-report.js';
import { plural } from '../../reports/plural.js';

interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Progress while a class is graded: on a terminal a bar (done/total, failing so far, ETA) that
 * leaves no trace in a log; otherwise a plain line per submission as it is graded.
 */
export function gradeProgress(stream: Stream, quiet: boolean): GradeProgress & { stop(): void } {
  let done = 0;
  let total = 0;
  let failing = 0;
  const count = (grade: SubmissionGrade): void => {
    done += 1;
    if (grade.status !== 'passed') failing += 1;
  };
  if (stream.isTTY === true && !quiet) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WritableStream,
        format: 'grading {bar} {value}/{total} · {failing} not passing · ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      onPlanned(planned, cached) {
        total = planned;
        bar.start(total, 0, { failing: 0 });
        if (cached > 0)
          stream.write(
            `${cached} of ${planned} already graded with this config: kept (--force grades them again)\n`,
          );
      },
      onGraded(grade) {
        count(grade);
        bar.update(done, { failing });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    onPlanned(planned, cached) {
      total = planned;
      if (quiet) return;
      stream.write(
        `grading ${plural(planned, 'submission')}${cached > 0 ? ` (${cached} already graded with this config: kept)` : ''}\n`,
      );
    },
    onGraded(grade, fromCache) {
      count(grade);
      if (quiet) return;
      const status = grade.status === 'error' ? `error (${grade.errorKind ?? '?'})` : grade.status;
      const time = fromCache ? 'kept' : `${(grade.durationMs / 1000).toFixed(1)} s`;
      stream.write(
        `[${done}/${total}] ${grade.id}  ${grade.score}/${grade.maxScore}  ${status}  (${time})\n`,
      );
    },
    stop: () => undefined,
  };
}
