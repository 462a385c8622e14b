/** How much longer a count may stay the same while its reader is still running, at most. */
const busyMs = 1000;

/**
 * Polls a count of bytes still in transit until it reaches zero, or stays the same for `stallMs`
 * (the other side stopped taking them), or can no longer be read (`undefined`). The kernel sends no
 * event for either, so only looking again can tell. Resolves with whether it reached zero.
 *
 * `running`, where given, tells a reader that is blocked from one the machine has not run for a
 * while: while it says yes, the count staying the same is not yet a stall, for up to a second more.
 */
export async function drainedOrStalled(
  pending: () => number | undefined | Promise<number | undefined>,
  stallMs: number,
  running?: () => Promise<boolean | undefined>,
): Promise<boolean> {
  let last = await pending();
  let lastChange = performance.now();
  while (last !== undefined && last > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(10, stallMs)));
    const now = await pending();
    const still = performance.now() - lastChange;
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    } else if (still >= stallMs && (still >= stallMs + busyMs || (await running?.()) !== true)) {
      return false;
    }
  }
  return last === 0;
}
