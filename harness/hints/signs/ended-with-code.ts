import { connectedThen, describeStep, exitMoment, isLeaving } from '../exit-moment.js';
import type { Sign } from '../sign.js';

/** Words a C server's perror() prints when a client reset or left mid-transfer. */
const clientGone = /Connection reset by peer|Broken pipe|ECONNRESET|EPIPE/;

/** Words a C server's perror() or a runtime prints for a file descriptor that is closed. */
const badDescriptor = /Bad file descriptor|EBADF/;

/**
 * The server exited with an error code and its output names no error: when, as the log's timestamps
 * place it, after which client step, and with whom connected. An exit right after a client left is
 * that leaving's doing.
 */
export const endedWithCode: Sign = ({ exit, exitAtMs, events, stderr, stdout }) => {
  if (exit === undefined || exit.signal !== null || exit.code === null || exit.code === 0) return undefined;
  const moment = exitAtMs === undefined ? undefined : exitMoment(events, exitAtMs);
  if (moment?.after !== undefined && isLeaving(moment.after)) {
    const output = `${stderr}\n${stdout}`;
    const exited = `The server exited with code ${exit.code} right after ${describeStep(moment.after)} (${connectedThen(moment.connected)} then)`;
    const said = clientGone.exec(output)?.[0];
    if (said !== undefined) {
      const seen = `${exited}, and its output says "${said}": an error on one client's connection ends the server.`;
      return {
        cause: 'crash-client-gone',
        hint: {
          neutral: `${seen} Treat a read or write that fails on a client as that client leaving: close it and carry on.`,
          c: `${seen} Treat read() or write() failing with ECONNRESET or EPIPE as that client leaving: close(fd) and carry on, never exit(); ignore SIGPIPE.`,
        },
      };
    }
    const staleFd = badDescriptor.test(output);
    const seen = `${exited}: a client's leaving ends the server.${staleFd ? ' Its output says "Bad file descriptor" (EBADF): the fd of the client that left is still in what select() or poll() watches.' : ''}`;
    return {
      cause: 'exited-after-close',
      hint: staleFd
        ? {
            neutral: `${seen} When a client leaves, forget its connection everywhere the server watches it, and end only that client.`,
            c: `${seen} After close(fd), also FD_CLR(fd, &set) (or take it out of the pollfd array) and lower maxfd if need be.`,
          }
        : {
            neutral: `${seen} Look at what the server does when a read returns 0 (or fails): it must close only that client, stop watching it, and carry on.`,
          },
    };
  }
  const when =
    moment?.after === undefined
      ? 'while clients were connected'
      : `right after ${describeStep(moment.after)}, while ${connectedThen(moment.connected)}`;
  return {
    cause: 'exited',
    hint: {
      neutral: `The server exited with code ${exit.code} ${when}; its output (above) may say why. Look for an exit() or an error that ends the program, and handle each client's errors on their own so that the server keeps running.`,
    },
  };
};
