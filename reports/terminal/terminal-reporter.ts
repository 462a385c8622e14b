import { describeSandbox } from './describe-sandbox.js';
import type { Verbosity } from '../../harness/config/resolve-config.js';
import type { RunReport } from '../../harness/results/run-report.js';
import { wholeRunKinds, type TestResult } from '../../harness/results/test-result.js';
import type { Selection } from '../../harness/runner/select-tests.js';
import type { Reporter, RunStart, TestProgress } from '../reporter.js';
import { formatDiagnoses } from './format-diagnoses.js';
import { formatFailure } from './format-failure.js';
import { formatSummary } from './format-summary.js';
import type { Palette } from './palette.js';
import { formatDuration, statusMark } from './status-mark.js';
import { StatusLine, type StatusLineOptions } from './status-line.js';
import { plural } from '../plural.js';

export interface TerminalOptions {
  readonly write: (text: string) => void;
  readonly colors: Palette;
  readonly verbosity: Verbosity;
  /** A status line of the tests running, redrawn in place: only where `write` goes to a terminal. */
  readonly statusLine?: StatusLineOptions;
}

/**
 * Progress a line a test, with a status line of the tests running under them on a terminal, then
 * every failure explained, then the summary table.
 */
export class TerminalReporter implements Reporter {
  readonly #options: TerminalOptions;
  readonly #status: StatusLine | undefined;
  #selection: Selection | undefined;

  constructor(options: TerminalOptions) {
    this.#options = options;
    this.#status =
      options.statusLine === undefined
        ? undefined
        : new StatusLine(options.write, options.colors, options.statusLine);
  }

  onRunStart(start: RunStart): void {
    this.#selection = start.selection;
    if (this.#options.verbosity === 'quiet') return;
    const { colors } = this.#options;
    const selected =
      start.selected === start.total
        ? plural(start.total, 'test')
        : `${start.selected} of ${plural(start.total, 'test')}`;
    this.#line(`${colors.bold('conform')} · ${start.suiteTitle} · ${selected} · seed ${start.seed}`);
    this.#line(`server: ${start.target}`);
    const sandbox = start.sandbox === undefined ? undefined : describeSandbox(start.sandbox);
    if (sandbox !== undefined) this.#line(colors.dim(sandbox));
    if (start.note !== undefined) this.#line(`note: ${start.note}`);
    this.#line('');
  }

  onTestProgress(progress: TestProgress): void {
    this.#status?.update(progress);
  }

  onRunNote(note: string): void {
    if (this.#options.verbosity !== 'quiet') this.#line(`note: ${note}`);
  }

  onTestEnd(result: TestResult): void {
    this.#status?.remove(result.id);
    if (this.#options.verbosity === 'quiet' || result.status === 'skipped') return;
    const { colors } = this.#options;
    const time = colors.dim(`(${formatDuration(result.durationMs)})`);
    const why = result.failure === undefined ? '' : `\n    ${colors.dim(result.failure.message)}`;
    this.#line(`${statusMark(result.status, colors)} ${result.id.padEnd(26)} ${result.title} ${time}${why}`);
  }

  onRunAbort(): void {
    this.#status?.close();
  }

  onRunEnd(report: RunReport): void {
    this.#status?.close();
    const { colors, verbosity } = this.#options;
    const failed = report.tests.filter((test) => test.failure !== undefined);
    const diagnoses = formatDiagnoses(report, colors);
    if (diagnoses.length > 0 && verbosity !== 'quiet')
      for (const line of ['', ...diagnoses]) this.#line(line);
    const seen = new Set<string>();
    for (const result of failed) {
      // A server that never started, or a build that failed, fails every test the same way: explain it once.
      const kind = result.failure?.kind;
      const key =
        kind !== undefined && wholeRunKinds.has(kind)
          ? (result.failure?.message ?? '')
              .replace(/^not run: /, '')
              .replace(/^the server never started \((.*)\)$/, '$1')
          : result.id;
      if (seen.has(key)) continue;
      seen.add(key);
      this.#line('');
      for (const line of formatFailure(result, colors, verbosity === 'verbose')) this.#line(line);
    }
    this.#line('');
    if (verbosity === 'quiet') {
      this.#line(formatSummary(report, colors, this.#selection).at(-1) as string);
      return;
    }
    for (const line of formatSummary(report, colors, this.#selection)) this.#line(line);
  }

  #line(text: string): void {
    if (this.#status === undefined) this.#options.write(`${text}\n`);
    else this.#status.print(`${text}\n`);
  }
}
