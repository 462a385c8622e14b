import type { TestProgress } from '../reporter.js';

/** A running test as the status line shows it: its last progress, and when that arrived. */
export interface LiveTest {
  readonly progress: TestProgress;
  /** The clock's time when the progress arrived, to go on counting the test's time between runs. */
  readonly seenAt: number;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function describe({ progress, seenAt }: LiveTest, now: number): string {
  const elapsed = seconds(progress.elapsedMs + Math.max(0, now - seenAt));
  if (progress.shrinking) {
    const tried = progress.shrinkSteps === 0 ? '' : ` (${progress.shrinkSteps} tried)`;
    return `${progress.id} shrinking${tried} ${elapsed}`;
  }
  if (progress.runs !== undefined) return `${progress.id} run ${progress.run}/${progress.runs} ${elapsed}`;
  if (progress.run > 0) return `${progress.id} run ${progress.run} ${elapsed}`;
  return `${progress.id} ${elapsed}`;
}

/** Cut to `width` columns, ending in an ellipsis when cut: a line that wrapped could not be erased. */
export function truncate(text: string, width: number): string {
  const characters = [...text];
  if (characters.length <= width) return text;
  return width <= 0 ? '' : `${characters.slice(0, width - 1).join('')}…`;
}

/**
 * The status line: every running test with its run of the runs planned, or how far its shrinking has
 * got, and its time, in the order they began; one column short of the terminal's width, so that the
 * cursor never wraps to the next line.
 */
export function formatStatus(tests: readonly LiveTest[], now: number, columns: number): string {
  return truncate(tests.map((test) => describe(test, now)).join(' · '), columns - 1);
}
