import { statfs } from 'node:fs/promises';

const everyMs = 200;

/**
 * Watches the tmpfs a confined server writes to (its folder's upper layer, /tmp and home share it),
 * through the namespace's view of `path`, and calls `onFull` once it is full. The kernel refuses
 * writes past the limit (ENOSPC) by itself; this is how conform learns that a server met it. A
 * filesystem of another size is not the server's yet (its view is still being made). Returns a
 * function that stops watching.
 */
export function watchWrites(
  pid: number,
  writes: { readonly path: string; readonly sizeKib: number },
  onFull: () => void,
): () => void {
  const size = writes.sizeKib * 1024;
  // Full: what is left is less than a write of a few blocks, or than 1/64 of a small limit.
  const left = Math.min(1024 * 1024, size / 64);
  let busy = false;
  const look = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const stats = await statfs(`/proc/${pid}/root${writes.path}`);
      if (stats.blocks * stats.bsize === size && stats.bavail * stats.bsize < left) {
        stop();
        onFull();
      }
    } catch {
      // Not there yet, or gone.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  const stop = (): void => clearInterval(timer);
  return stop;
}
