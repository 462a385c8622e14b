import { pacedWatch } from '../paced-watch.js';
import type { ListeningSocket, Platform } from '../platform.js';
import { tryConnect } from './try-connect.js';

const connectTimeoutMs = 500;
/** Each look is a connection the server sees: not too often. */
const pollDelaysMs = [10, 20, 40, 80, 150, 250];

/** Whether a process (or, for a negative number, a process group) exists, zombies included. */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function acceptingOn(port: number): Promise<ListeningSocket | undefined> {
  for (const [host, family] of [
    ['127.0.0.1', 4],
    ['::1', 6],
  ] as const) {
    if (await tryConnect(host, port, connectTimeoutMs))
      return { id: `${host}:${port}`, family, address: host, port };
  }
  return undefined;
}

/**
 * Where neither /proc nor lsof and ps can be used: the server is taken to be whatever accepts a
 * connection on the port it was given. No ownership check, no server found on a port of its own,
 * and processes known only by the server's process group.
 */
export const portOnlyPlatform: Platform = {
  name: 'port-only',
  note: 'conform could not check who owns the port: it tests whatever accepts connections on the port it gave the server',
  pollDelaysMs,
  listeningSockets: () => Promise.resolve([]),
  async listenersByOwner(_rootPid, givenPort) {
    const socket = await acceptingOn(givenPort);
    return { owned: socket === undefined ? [] : [socket], foreign: [] };
  },
  ownedSocketIds: () => Promise.resolve(new Set()),
  startupWatch: () => pacedWatch(pollDelaysMs),
  stillListening: () => Promise.resolve(true),
  ownerOf: () => Promise.resolve(undefined),
  commandLine: () => Promise.resolve(undefined),
  processTree: (rootPid) => Promise.resolve(exists(rootPid) ? [rootPid] : []),
  groupMembers: (pgid) => Promise.resolve(exists(-pgid) ? [pgid] : []),
  isRunning: (pid) => Promise.resolve(exists(pid)),
  processesWithEnvironment: () => Promise.resolve([]),
  portInTimeWait: () => Promise.resolve(false),
  unreadBytes: () => Promise.resolve(undefined),
  heldWhileUnread: () => Promise.resolve(undefined),
  runnable: () => Promise.resolve(undefined),
};
