import type { Sign } from '../sign.js';

const sanitizer = 'build with -g -fsanitize=address and run again to see the line';

/** The server was killed by a signal it brought on itself. */
export const crashSignal: Sign = ({ exit }) => {
  const signal = exit?.signal;
  if (signal === undefined || signal === null) return undefined;
  if (signal === 'SIGPIPE') {
    return {
      cause: 'sigpipe',
      hint: {
        neutral:
          'The server was killed by SIGPIPE: it wrote to a client that had already gone. Ignore SIGPIPE and treat a failed write (EPIPE) as that client leaving.',
        c: "The server was killed by SIGPIPE: it wrote to a client that had already gone, and SIGPIPE's default action ends the process. Call signal(SIGPIPE, SIG_IGN) at start (or send() with MSG_NOSIGNAL), then treat a write that fails with EPIPE or ECONNRESET as that client leaving: close its fd and carry on.",
      },
    };
  }
  if (signal === 'SIGSEGV' || signal === 'SIGBUS') {
    return {
      cause: 'memory-error',
      hint: {
        neutral: `The server crashed with ${signal}, a memory error: something wrote past the end of a buffer or used memory after it was freed.`,
        c: `The server crashed with ${signal}, a memory error. Look for a buffer written past its end (buf[n] = '\\0' after reading sizeof buf bytes, strcpy or sprintf into a fixed array), an fd or client slot used after it was closed or freed, or a NULL pointer; ${sanitizer}.`,
      },
    };
  }
  if (signal === 'SIGABRT') {
    return {
      cause: 'abort',
      hint: {
        neutral:
          'The server aborted (SIGABRT): an assertion failed or the runtime found corrupted memory; its output says which.',
        c: `The server aborted (SIGABRT): an assert() failed, or the C library found a corrupted heap (a double free, a write past a malloc'd block); ${sanitizer}.`,
      },
    };
  }
  return undefined;
};
