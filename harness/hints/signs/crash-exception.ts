import { connectedThen, describeStep, exitMoment, isLeaving, type ExitMoment } from '../exit-moment.js';
import type { Phrasing } from '../phrasing.js';
import type { Sign } from '../sign.js';

/** The error a crashed server's output names last (a Python exception, a Node error code, a Java exception), and its line. */
export function lastError(output: string): { readonly name: string; readonly line: string } | undefined {
  const patterns = [
    /^(?:[\w.]+\.)?(\w+(?:Error|Exception|Interrupt))(?::.*|$)/gm,
    /Exception in thread "[^"]*" (?:[\w$]+\.)*([\w$]+(?:Exception|Error)).*/g,
    /\bcode: '(E[A-Z]+)'/g,
    /^(?:Uncaught )?(\w*Error)(?::.*|$)/gm,
  ];
  let found: { at: number; name: string; line: string } | undefined;
  for (const pattern of patterns) {
    for (const match of output.matchAll(pattern)) {
      if (found === undefined || match.index >= found.at)
        found = { at: match.index, name: match[1] as string, line: match[0] };
    }
  }
  return found === undefined ? undefined : { name: found.name, line: found.line };
}

/** Errors that mean a client reset or left, by name or by what the line says. */
const clientGone =
  /\b(ConnectionResetError|BrokenPipeError|ConnectionAbortedError|ECONNRESET|EPIPE|ClosedChannelException)\b|Connection reset|Broken pipe/;

function clientGoneHint(error: string): Phrasing {
  const stopped = `The server stopped with ${error}: a client that reset or left raised an error nothing caught, and it ended the whole server.`;
  return {
    neutral: `${stopped} Catch that error for each client, close only that client, and keep serving the others.`,
    python: `${stopped} Catch ConnectionResetError and BrokenPipeError (both OSError) around each client's recv() and sendall(), close that client's socket, and keep serving the others.`,
    pythonEvents: `${stopped} Catch ConnectionResetError and BrokenPipeError (both OSError) where the loop reads from or writes to a client, unregister and close that client, and keep the loop running.`,
    node: `${stopped} A socket that emits 'error' with no listener throws and ends the process: add socket.on('error', …) for every client (destroy that socket there) so that a reset costs only that client.`,
    java: `${stopped} Catch IOException for each client (in its thread, or around its read() and write()), close that Socket, and keep accepting: a reset must not reach main.`,
  };
}

/** An error about a descriptor that was closed: Python's select() on a closed socket, EBADF. */
const closedDescriptor = /file descriptor cannot be a negative integer|Bad file descriptor|EBADF/;

/** When the server ended, as the log places it: " right after c1 closed its connection (…)". */
function when(moment: ExitMoment | undefined): string {
  return moment?.after === undefined
    ? ''
    : ` right after ${describeStep(moment.after)} (${connectedThen(moment.connected)} then)`;
}

/** The server ended with an error its output names. */
export const crashException: Sign = ({ exit, stderr, stdout, events, exitAtMs }) => {
  if (exit === undefined || exit.signal !== null || exit.code === 0 || exit.code === null) return undefined;
  const found = lastError(stderr) ?? lastError(stdout);
  if (found === undefined) return undefined;
  const error = found.name;
  if (clientGone.test(found.line)) return { cause: 'crash-client-gone', hint: clientGoneHint(error) };
  // A closed socket still watched: select() fails on its fd (-1 in Python, EBADF) after a client left.
  const closed = closedDescriptor.test(found.line);
  const moment = exitAtMs === undefined ? undefined : exitMoment(events, exitAtMs, { leftBefore: closed });
  if (closed && moment?.after !== undefined && isLeaving(moment.after)) {
    const seen = `The server stopped with ${error} right after ${describeStep(moment.after)} (${connectedThen(moment.connected)} then): the socket of the client that left is closed but still in what select() watches.`;
    return {
      cause: 'exited-after-close',
      hint: {
        neutral: `${seen} When a client leaves, take its connection out of what the server watches before closing it.`,
        python: `${seen} When recv() returns b'' or fails, remove the socket from the list you pass to select() before you close() it.`,
      },
    };
  }
  return {
    cause: 'crash-error',
    hint: {
      neutral: `The server stopped with ${error}${when(moment)}; its output above shows where. Fix that, and handle errors for each client on its own, so that one client's trouble never ends the server.`,
    },
  };
};
