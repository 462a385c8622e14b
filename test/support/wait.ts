import type { OutputTail } from '../../harness/supervisor/output-tail.js';

/** The promise's value, or an error naming what did not happen within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Looks again every few milliseconds until `condition` holds, for what only /proc can tell (it
 * sends no events); false when `ms` pass first.
 */
export async function pollUntil(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** The tail's text once it matches `pattern` (output can come after the exit event), within `ms`. */
export function outputMatching(tail: OutputTail, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const found = new Promise<RegExpExecArray>((resolve) => {
    const check = (): void => {
      const match = pattern.exec(tail.text());
      if (match) resolve(match);
      else tail.onceOutput(check);
    };
    check();
  });
  return withDeadline(found, ms, `output matching ${pattern}`);
}
