import { Finding } from '../checkers/finding.js';
import type { EventLog } from '../driver/event-log.js';
import { connectedThen, describeStep, exitMoment, isLeaving } from '../hints/exit-moment.js';
import { describeExit, type ExitInfo } from '../supervisor/exit-info.js';
import { RunFailure, type ServerState } from './run-failure.js';

/**
 * The failure of a server that ended by itself between two runs of a test that judges it across
 * clients: shown with the steps of the last run that passed, the likely cause of the end.
 */
export function endedBetweenRuns(exit: ExitInfo, lastPassed: EventLog, state: ServerState): RunFailure {
  const crashed = exit.code !== 0 || exit.signal !== null;
  const at = state.exitedAt;
  const moment = at === undefined ? undefined : exitMoment(lastPassed.events, at - lastPassed.origin);
  const when =
    moment?.after === undefined
      ? 'most likely because of the last of them'
      : `right after ${describeStep(moment.after)}, when ${connectedThen(moment.connected)}`;
  const leftThenExited = exit.signal === null && exit.code !== 0 && isLeaving(moment?.after);
  return new RunFailure(
    new Finding({
      kind: 'server-exit',
      message: crashed
        ? `the server ${describeExit(exit)} after the steps below, ${when}; it must keep serving the other clients`
        : `the server ${describeExit(exit)} after the clients of a run disconnected; it must keep serving new clients`,
      outcome: `the server ${describeExit(exit)} after these steps`,
      // An exit right after a client left is told by the signs that read the exit, as in any run.
      hint: leftThenExited
        ? undefined
        : crashed
          ? 'The server crashed (see its output). A client that leaves, closes or resets must cost only that client: catch ECONNRESET, EPIPE and BrokenPipeError per client, and treat recv() returning 0 as that client leaving.'
          : 'The server stops after its clients leave. Keep accept() in a loop for as long as the server runs, and close only the client socket when a client is done.',
    }),
    lastPassed,
    state,
  );
}
