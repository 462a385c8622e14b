import type { Sign } from '../sign.js';

/** Words of a prompt for someone at the keyboard. */
const promptWords =
  /press (enter|return|any key)|hit (enter|return)|to (start|continue)\b.*(\.\.\.|:)|\b(enter|type)\b.*:\s*$/i;

/** The output's last line, where it reads as a prompt for someone to type. */
function promptShown(output: string): string | undefined {
  const last = output.trimEnd().split('\n').at(-1)?.trim();
  return last !== undefined && last !== '' && promptWords.test(last) ? last.slice(0, 80) : undefined;
}

/** Clients got nothing, and connections sat in the listen queue: the server does not call accept(). */
export const neverAccepted: Sign = ({ details, events, exit, unaccepted, stdout, stderr }) => {
  if (exit !== undefined || unaccepted === undefined || unaccepted === 0) return undefined;
  if (details.kind !== 'timeout' && details.kind !== 'not-closed' && details.kind !== 'not-accepted')
    return undefined;
  // Every connection made is still waiting: not one was accepted.
  const connections = events.filter((event) => event.kind === 'connect').length;
  if (unaccepted < connections || events.some((event) => event.kind === 'read')) return undefined;
  const waiting = `No client got a byte back, and ${unaccepted === 1 ? 'a connection was' : `${unaccepted} connections were`} still waiting in the listen queue: the server never accept()ed them.`;
  const prompt = promptShown(stdout) ?? promptShown(stderr);
  if (prompt !== undefined) {
    const asked = `${waiting} Its last output is a prompt, "${prompt}": it waits for someone to type before it accepts, and conform, like a grader, types nothing.`;
    return {
      cause: 'never-accepted',
      hint: {
        neutral: `${asked} A server must serve with no one at the keyboard: take settings from the command line, and accept at once.`,
        python: `${asked} Remove the input() call: take settings from sys.argv, and go straight to the accept() loop.`,
        java: `${asked} Remove the read from System.in (Scanner, readLine()): take settings from args, and go straight to the accept() loop.`,
        c: `${asked} Remove the read from stdin (getchar(), scanf(), fgets()): take settings from argv, and go straight to the accept() loop.`,
      },
    };
  }
  return {
    cause: 'never-accepted',
    hint: {
      neutral: `${waiting} The kernel completes the handshake by itself; the server must accept each connection before it can read from it.`,
      python: `${waiting} Call conn, addr = server.accept() (in a loop) and recv() from conn, not from the listening socket.`,
      node: `${waiting} Handle clients in net.createServer((socket) => …) or the 'connection' event, and call listen() once.`,
      c: `${waiting} Call accept() on the listening fd (in a loop) and read from the fd it returns, not from the listening one.`,
      java: `${waiting} Call serverSocket.accept() in a loop and read from the Socket it returns.`,
    },
  };
};
