/**
 * A start-up watch for platforms whose every look costs a subprocess or a connection: yes at the
 * first poll, then only once the next of `gapsMs` (the last repeated) has passed since the last yes,
 * so a server that prints all the time does not make conform look back to back.
 */
export function pacedWatch(gapsMs: readonly number[]): () => Promise<boolean> {
  let looks = 0;
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const gap = looks === 0 ? 0 : (gapsMs[Math.min(looks - 1, gapsMs.length - 1)] ?? 0);
    const now = performance.now();
    if (now - last < gap) return Promise.resolve(false);
    looks += 1;
    last = now;
    return Promise.resolve(true);
  };
}
