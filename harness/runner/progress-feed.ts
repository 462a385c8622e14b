import type { TestProgress } from '../../reports/reporter.js';

/**
 * Counts one test's runs as they begin and tells the reporters: the runs of its property, the smaller
 * cases tried once a run failed, and its end. Cheap enough to call on every run.
 */
export class ProgressFeed {
  readonly #id: string;
  readonly #send: (progress: TestProgress) => void;
  readonly #started = performance.now();
  #run = 0;
  #runs: number | undefined;
  #shrinking = false;
  #shrinkSteps = 0;

  constructor(id: string, send: (progress: TestProgress) => void) {
    this.#id = id;
    this.#send = send;
  }

  /** The test has begun (on servers of its own, perhaps before the tests ahead of it have ended). */
  begin(): void {
    this.#emit(false);
  }

  /** A property begins: `runs` runs unless one fails (undefined in a replay, which runs its case once). */
  propertyBegins(runs: number | undefined): void {
    this.#run = 0;
    this.#runs = runs;
    this.#shrinking = false;
    this.#shrinkSteps = 0;
    this.#emit(false);
  }

  runBegins(): void {
    if (this.#shrinking) this.#shrinkSteps += 1;
    else this.#run += 1;
    this.#emit(false);
  }

  /** A run failed: the runs after it try smaller cases. */
  runFailed(): void {
    if (this.#shrinking) return;
    this.#shrinking = true;
    this.#emit(false);
  }

  end(): void {
    this.#emit(true);
  }

  #emit(ended: boolean): void {
    this.#send({
      id: this.#id,
      run: this.#run,
      runs: this.#runs,
      shrinking: this.#shrinking,
      shrinkSteps: this.#shrinkSteps,
      elapsedMs: Math.round(performance.now() - this.#started),
      ended,
    });
  }
}
