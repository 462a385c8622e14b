import type { TestProgress } from '../reporter.js';
import { formatStatus, type LiveTest } from './format-status.js';
import type { Palette } from './palette.js';

/** Back to the start of the line and erase it: enough for one line that never wraps. */
const eraseLine = '\r\u001b[K';

export interface StatusLineOptions {
  /** The terminal's width, read at each redraw (it may be resized); undefined when it is not known. */
  readonly columns: () => number | undefined;
  readonly now?: () => number;
  /** Time between redraws. */
  readonly redrawMs?: number;
}

/**
 * The line under the results that shows the tests running, redrawn in place a few times a second.
 * Everything else printed goes through `print`, which erases the line first and draws it again after.
 */
export class StatusLine {
  readonly #write: (text: string) => void;
  readonly #colors: Palette;
  readonly #columns: () => number | undefined;
  readonly #now: () => number;
  readonly #redrawMs: number;
  readonly #tests = new Map<string, LiveTest>();
  /** What the terminal shows of the line now; empty when nothing. */
  #shown = '';
  #timer: NodeJS.Timeout | undefined;

  constructor(write: (text: string) => void, colors: Palette, options: StatusLineOptions) {
    this.#write = write;
    this.#colors = colors;
    this.#columns = options.columns;
    this.#now = options.now ?? (() => performance.now());
    this.#redrawMs = options.redrawMs ?? 100;
  }

  /** Records how far a test has got; the line shows it at the next redraw, at most a tenth of a second on. */
  update(progress: TestProgress): void {
    if (progress.ended) {
      this.#tests.delete(progress.id);
      return;
    }
    this.#tests.set(progress.id, { progress, seenAt: this.#now() });
    // Never what keeps the process alive: a run that ends without onRunEnd still exits.
    this.#timer ??= setInterval(() => this.redraw(), this.#redrawMs).unref();
  }

  /** A test's result is printed: it is no longer running, whatever progress came last. */
  remove(id: string): void {
    this.#tests.delete(id);
  }

  /** Writes `text` where the line was, and the line again under it while tests run. */
  print(text: string): void {
    const line = this.#render();
    this.#write(`${this.#shown === '' ? '' : eraseLine}${text}${line}`);
    this.#shown = line;
  }

  /** Draws the line again, if it changed; erases it and stops redrawing once no test runs. */
  redraw(): void {
    const line = this.#render();
    if (line === this.#shown) return;
    this.#write(`${eraseLine}${line}`);
    this.#shown = line;
  }

  /** Erases the line and stops redrawing: nothing more runs. */
  close(): void {
    this.#tests.clear();
    this.redraw();
  }

  #render(): string {
    if (this.#tests.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return '';
    }
    const text = formatStatus([...this.#tests.values()], this.#now(), this.#columns() ?? 80);
    return text === '' ? '' : this.#colors.dim(text);
  }
}
