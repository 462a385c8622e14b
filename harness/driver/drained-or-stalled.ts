/**
 * Polls a count of bytes still in transit until it reaches zero, or stays the same for `stallMs`
 * (the other side stopped taking them), or can no longer be read (`undefined`). The kernel sends no
 * event for either, so only looking again can tell. Resolves with whether it reached zero.
 */
export async function drainedOrStalled(
  pending: () => number | undefined | Promise<number | undefined>,
  stallMs: number,
): Promise<boolean> {
  let last = await pending();
  let lastChange = performance.now();
  while (last !== undefined && last > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(10, stallMs)));
    const now = await pending();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    } else if (performance.now() - lastChange >= stallMs) {
      return false;
    }
  }
  return last === 0;
}
