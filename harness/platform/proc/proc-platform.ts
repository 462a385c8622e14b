import type { ListeningSocket, Platform } from '../platform.js';
import { readlink } from 'node:fs/promises';
import {
  listeningSockets,
  portInTimeWait,
  unreadBytes,
  type NetFolder,
  type ProcNetSocket,
} from './proc-net.js';
import { busyness } from './process-usage.js';
import { cpuWait } from './cpu-wait.js';
import { heldWhileUnread } from './tcp-buffering.js';
import {
  anyRunnable,
  commandLine,
  descendants,
  groupMembers,
  isRunning,
  ownerOfInode,
  processesWithEnvironment,
  processTree,
  socketInodes,
} from './process-tree.js';

/** Every so many polls, the tables are read while the server holds any socket, new or not. */
const lookAgainEvery = 6;

function asListening(socket: ProcNetSocket): ListeningSocket {
  const { inode, ...rest } = socket;
  return { id: String(inode), ...rest };
}

async function allListening(net: NetFolder): Promise<ListeningSocket[]> {
  return (await listeningSockets(net)).map(asListening);
}

/** Inodes of every socket a server's processes hold open. */
async function ownedSocketIds(rootPid: number): Promise<Set<string>> {
  const pids = await descendants(rootPid);
  const inodes = await Promise.all(pids.map(socketInodes));
  return new Set(inodes.flat().map(String));
}

/**
 * The socket tables of the network namespace `pid` is in, once it has left conform's: a process
 * that has just started may not have made its namespace yet, and its tables are then not the server's.
 */
function namespaceOf(pid: number): NetFolder {
  let own: Promise<string> | undefined;
  return async () => {
    own ??= readlink('/proc/self/ns/net');
    const [mine, theirs] = await Promise.all([own, readlink(`/proc/${pid}/ns/net`).catch(() => undefined)]);
    return theirs === undefined || theirs === mine ? undefined : `/proc/${pid}/net`;
  };
}

/** Linux: the kernel's socket tables (those of conform's network namespace, or `net`'s) and /proc's processes. */
function procPlatformOf(net: NetFolder): Platform {
  return {
    name: 'proc',
    note: undefined,
    pollDelaysMs: [5, 5, 10, 10, 15, 20, 25],
    listeningSockets: () => allListening(net),
    inNetworkOf: (pid) => procPlatformOf(namespaceOf(pid)),
    async listenersByOwner(rootPid) {
      const table = await allListening(net);
      const ids = await ownedSocketIds(rootPid);
      return {
        owned: table.filter((socket) => ids.has(socket.id)),
        foreign: table.filter((socket) => !ids.has(socket.id)),
      };
    },
    ownedSocketIds,
    startupWatch(rootPid) {
      const seen = new Set<number>();
      // Reading the kernel's socket tables costs milliseconds: look there when the server has opened
      // a new socket, and now and then while it holds any (one that was not listening yet when it
      // first appeared). The server may sit below the launcher's processes (a sandbox's chain).
      return async (attempt) => {
        const inodes = (await Promise.all((await descendants(rootPid)).map(socketInodes))).flat();
        const fresh = inodes.filter((inode) => !seen.has(inode));
        for (const inode of fresh) seen.add(inode);
        return fresh.length > 0 || (attempt % lookAgainEvery === 0 && inodes.length > 0);
      };
    },
    async stillListening(socket) {
      return (await listeningSockets(net)).some((entry) => String(entry.inode) === socket.id);
    },
    ownerOf: (socket) => ownerOfInode(Number(socket.id)),
    commandLine,
    processTree,
    groupMembers,
    isRunning,
    processesWithEnvironment,
    portInTimeWait: (port) => portInTimeWait(port, net),
    unreadBytes: (sender, receiver) => unreadBytes(sender, receiver, net),
    heldWhileUnread: () => heldWhileUnread(),
    runnable: async (rootPid) => anyRunnable(await descendants(rootPid)),
    busyness: async (rootPid, sampleMs, looks) => busyness(await descendants(rootPid), sampleMs, looks),
    cpuWait: async (rootPid, sampleMs) => cpuWait(await descendants(rootPid), sampleMs),
  };
}

export const procPlatform: Platform = procPlatformOf('/proc/net');
