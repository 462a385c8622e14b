import type { RunReport } from '../harness/results/run-report.js';

/** Who sees a test's result on Gradescope, as its autograder spec spells it. */
export type Visibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

/** What a format may need beyond the report: settings a course fixes in its config file. */
export interface FormatContext {
  /** Gradescope visibility of each test id (default `visible`). */
  readonly visibility: (testId: string) => Visibility;
}

/**
 * One output format, made from the run report alone: a pure function to text. Writing it to a file
 * or to stdout happens elsewhere, in one place.
 */
export interface ReportFormat {
  /** The name `--reporter` takes. */
  readonly name: string;
  readonly description: string;
  /** The file name `conform grade` writes it to, in each submission's folder of results. */
  readonly fileName: string;
  format(report: RunReport, context: FormatContext): string;
  /** Markdown to append to the file GitHub Actions names in GITHUB_STEP_SUMMARY, for formats that have one. */
  stepSummary?(report: RunReport, context: FormatContext): string;
}
