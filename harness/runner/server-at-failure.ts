import type { Finding } from '../checkers/finding.js';
import type { RunningServer } from '../supervisor/start-server.js';
import type { ServerState } from './run-failure.js';
import type { RunScope } from './run-scope.js';
import type { ServerSession } from './server-session.js';

/**
 * How long a server that lost its listening socket may take to finish exiting, to report how it ended.
 * The wait ends at the exit, which in a sandbox passes through its shell and unshare first, and a busy
 * machine can hold that up for hundreds of milliseconds: only a server that closes its listener and
 * lives on waits it out.
 */
const exitGraceMs = 2000;
/** The same for a server that reset or closed a connection but still listens. */
const resetGraceMs = 150;
const crashKinds = new Set(['eof', 'reset', 'refused', 'timeout', 'server-exit']);

/** What the server had done when a run failed, and whether it went away (exited, or lost its listener). */
export interface ServerAtFailure {
  readonly state: ServerState;
  readonly wentAway: boolean;
}

/**
 * Looks at the server right after a run failed with `finding`, while it still runs as it was: whether
 * it ended (waiting a moment for an exit that a crash's signs announce), connections it left in its
 * listen queue and how busy it is meanwhile, and whether it read what the failing client sent.
 */
export async function serverAtFailure(
  finding: Finding,
  session: ServerSession,
  scope: RunScope,
  server: RunningServer,
): Promise<ServerAtFailure> {
  const process = server.process;
  // A server that still holds its listening socket is alive; one that lost it is on its way out,
  // and its exit code is worth waiting a moment for.
  const serving = await session.isServing();
  const kind = finding.details.kind;
  // A reset or an EOF is what a dying process's sockets send, even while its listener is still being torn down.
  const grace =
    !serving && crashKinds.has(kind) ? exitGraceMs : kind === 'reset' || kind === 'eof' ? resetGraceMs : 0;
  const exited = grace > 0 ? await process.exitsWithin(grace) : process.exitedOnItsOwn;
  // Connections still in the listen queue tell a server that never accept()s from a slow one.
  const unaccepted = serving ? await session.acceptQueue() : undefined;
  // A server that leaves them waiting while it burns a CPU is stuck in a loop, not slow.
  const busy = unaccepted !== undefined && unaccepted > 0 ? await session.busyness() : undefined;
  // Whether the server read what the client sent tells a server that stopped reading it from one
  // that read it and answered elsewhere.
  const conn = finding.details.conn;
  const waited = kind === 'timeout' || kind === 'eof';
  const unread = serving && waited && conn !== undefined ? await scope.unreadFrom(conn) : undefined;
  return {
    wentAway: exited || !serving,
    state: {
      exit: exited ? process.exit : undefined,
      exitedAt: exited ? process.exitedAt : undefined,
      stdout: process.stdout.text(),
      stderr: process.stderr.text(),
      ...(unaccepted !== undefined && { unaccepted }),
      ...(unread !== undefined && { unread }),
      ...(busy !== undefined && { busy }),
    },
  };
}
