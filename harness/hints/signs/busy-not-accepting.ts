import { limitFlags } from '../../supervisor/sandbox/server-limits.js';
import type { Sign } from '../sign.js';

/**
 * A server found running this often while connections wait, moving no byte, is in a loop, not at
 * work; where the bytes it moved are not known, only one found running at every look.
 */
const busyShare = 0.8;
const busyShareUnsure = 1;
/** Spent this much of it in system calls: a call made again and again, not the program's own code. */
const inSystemCalls = 0.3;
/** This close to the open-files limit, accept() is about to fail with EMFILE, or already does. */
const nearLimit = 8;

/**
 * Connections waited unaccepted while the server kept a CPU busy: a loop that never gets back to
 * accept(). Where it spends that time tells which loop: a system call that fails at once, again and
 * again (near the open-files limit, accept() itself), or a wait that spins in the program's code.
 */
export const busyNotAccepting: Sign = ({ details, exit, unaccepted, busy }) => {
  if (exit !== undefined || unaccepted === undefined || unaccepted === 0 || busy === undefined)
    return undefined;
  if (busy.ioBytes !== undefined && busy.ioBytes > 0) return undefined;
  if (busy.runningShare < (busy.ioBytes === undefined ? busyShareUnsure : busyShare)) return undefined;
  if (details.kind !== 'timeout' && details.kind !== 'not-closed' && details.kind !== 'not-accepted')
    return undefined;
  const waiting = `${unaccepted === 1 ? 'A connection' : `${unaccepted} connections`} waited in the listen queue, never accept()ed, while the server kept running, never waiting for anything: it is stuck in a loop that does not get back to accept().`;
  const limit = busy.openFilesLimit;
  const limitNamed =
    limit === undefined
      ? 'the open-files limit'
      : `the open-files limit, ${limit} under conform (${limitFlags.openFiles})`;
  if (busy.openFiles !== undefined && limit !== undefined && busy.openFiles >= limit - nearLimit) {
    const full = `${waiting} One of its processes holds ${busy.openFiles} open files, at ${limitNamed}: accept() fails (EMFILE, "Too many open files") and the loop tries again at once.`;
    return {
      cause: 'busy-not-accepting',
      hint: {
        neutral: `${full} Close each client's socket once its client is gone, and handle a failed accept() instead of retrying it at once.`,
        python: `${full} Close each client's socket (with conn: ...) once recv() returns b'' or fails, and do not catch OSError around accept() only to loop again.`,
        node: `${full} Call socket.destroy() once a socket has ended or failed, so its descriptor is freed.`,
        c: `${full} close() each client's fd once read() returns 0 or -1, and check accept()'s result (perror) instead of looping on it.`,
        java: `${full} Close each client's Socket (try-with-resources) once read() returns -1 or throws, and do not catch the IOException of accept() only to loop again.`,
      },
    };
  }
  if (busy.systemShare >= inSystemCalls) {
    const calls = `${waiting} Most of that time went to system calls: one of them fails at once and the loop calls it again, its error unchecked.`;
    return {
      cause: 'busy-not-accepting',
      hint: {
        neutral: `${calls} Check the result of every call in the loop and print the error.`,
        python: `${calls} Do not catch an OSError (BlockingIOError too) only to loop again at once: let it show, or wait with selectors or select() before each call.`,
        node: `${calls} Handle the 'error' events and callbacks' errors instead of retrying at once.`,
        c: `${calls} Check every call's result and perror() it. poll() given more entries than ${limitNamed} fails with EINVAL every time: pass the number of entries in use, not the array's size; select() fails with EBADF for a closed fd left in its set.`,
        java: `${calls} Do not catch an IOException only to loop again at once: let it show, and wait in accept() or a Selector's select().`,
      },
    };
  }
  const spins = `${waiting} That time went to its own code: a loop that waits by spinning (while a condition holds, do nothing) keeps accept() from running.`;
  return {
    cause: 'busy-not-accepting',
    hint: {
      neutral: `${spins} Wait on something that blocks instead, or take no limit on clients at all.`,
      python: `${spins} Do not wait in while ...: pass; block instead: a threading.Semaphore acquired before accept() and released when a client leaves, or no cap on clients at all.`,
      node: `${spins} A while loop that waits never lets the event loop run, so nothing else, accepting included, happens: wait for an event instead.`,
      c: `${spins} Block instead of spinning: in accept(), poll() or a condition variable, or take no cap on clients at all.`,
      java: `${spins} Block instead of spinning: a Semaphore acquired before accept() and released when a client leaves, or an unbounded thread per client.`,
    },
  };
};
