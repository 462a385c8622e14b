import type { ListeningSocket, Platform } from '../platform.js';
import { listeningSockets, portInTimeWait, unreadBytes, type ProcNetSocket } from './proc-net.js';
import {
  commandLine,
  groupMembers,
  isRunning,
  ownerOfInode,
  processesWithEnvironment,
  processTree,
  socketInodes,
} from './process-tree.js';

/** Every so many polls, the whole process tree is searched, not just the server's own sockets. */
const fullScanEvery = 6;

function asListening(socket: ProcNetSocket): ListeningSocket {
  const { inode, ...rest } = socket;
  return { id: String(inode), ...rest };
}

async function allListening(): Promise<ListeningSocket[]> {
  return (await listeningSockets()).map(asListening);
}

/** Inodes of every socket a server's process tree holds open. */
async function ownedSocketIds(rootPid: number): Promise<Set<string>> {
  const pids = await processTree(rootPid);
  const inodes = await Promise.all(pids.map(socketInodes));
  return new Set(inodes.flat().map(String));
}

/** Linux: the kernel's socket tables and the process entries under /proc. */
export const procPlatform: Platform = {
  name: 'proc',
  note: undefined,
  pollDelaysMs: [5, 5, 10, 10, 15, 20, 25],
  listeningSockets: allListening,
  async listenersByOwner(rootPid) {
    const table = await allListening();
    const ids = await ownedSocketIds(rootPid);
    return {
      owned: table.filter((socket) => ids.has(socket.id)),
      foreign: table.filter((socket) => !ids.has(socket.id)),
    };
  },
  ownedSocketIds,
  startupWatch(rootPid) {
    const seen = new Set<number>();
    // Reading the kernel's socket tables costs milliseconds when they are long: look there when the
    // server has opened a new socket, and now and then when its process tree holds any socket (one
    // its children opened, or one that was not listening yet when it first appeared).
    return async (attempt) => {
      const fresh = (await socketInodes(rootPid)).filter((inode) => !seen.has(inode));
      for (const inode of fresh) seen.add(inode);
      return fresh.length > 0 || (attempt % fullScanEvery === 0 && (await ownedSocketIds(rootPid)).size > 0);
    };
  },
  async stillListening(socket) {
    return (await listeningSockets()).some((entry) => String(entry.inode) === socket.id);
  },
  ownerOf: (socket) => ownerOfInode(Number(socket.id)),
  commandLine,
  processTree,
  groupMembers,
  isRunning,
  processesWithEnvironment,
  portInTimeWait,
  unreadBytes,
};
