import type { ExitInfo } from '../exit-info.js';
import { limitFlags, type ServerLimits } from './server-limits.js';

/** What a runtime prints when an allocation fails: Python, Java, Node, C++ and C (strerror). */
const outOfMemory =
  /MemoryError|OutOfMemoryError|heap out of memory|std::bad_alloc|Cannot allocate memory|out of memory/i;

/** What a student reads about a limit their server met. */
export const limitHint =
  'The server ran into a limit conform sets on every server (see the flag named above). A server for this protocol does not need more: look for a loop that forks, starts threads, allocates or writes files without end. If yours really needs more, raise the limit with that flag.';

/** The limits a server ran into, each as the end of a sentence beginning "the server". */
export function limitsReached(
  limits: ServerLimits,
  evidence: {
    readonly processCapReached: boolean;
    /** It filled all it may write, and conform stopped it. */
    readonly diskFull?: boolean;
    readonly exit: ExitInfo | undefined;
    readonly stderr: string;
  },
): string[] {
  const reached: string[] = [];
  if (evidence.processCapReached) {
    reached.push(
      `reached its limit of ${limits.maxProcs} processes and threads (${limitFlags.maxProcs}): a fork or a new thread was refused`,
    );
  }
  if (evidence.exit?.signal === 'SIGXCPU') {
    reached.push(`used up its ${limits.cpuSeconds} s of CPU time (${limitFlags.cpuSeconds})`);
  }
  if (evidence.diskFull === true) {
    reached.push(
      `wrote all it may write, ${limits.diskMb} MiB across its folder, /tmp and home (${limitFlags.diskMb}), and conform stopped it`,
    );
  }
  if (outOfMemory.test(evidence.stderr)) {
    reached.push(
      `ran out of memory: each of its processes may use ${limits.memoryMb} MiB (${limitFlags.memoryMb})`,
    );
  }
  return reached;
}
