import { pacedWatch } from '../paced-watch.js';
import type { ListeningSocket, Platform } from '../platform.js';
import { isLive, liveGroupMembers, treeOf, type ProcessEntry } from '../process-table.js';
import { timeWaitOnPort, unreadBetween } from './parse-netstat.js';
import { parseLsofListeners } from './parse-lsof.js';
import { parseProcessTable, pidsWithEnvironmentEntry } from './parse-ps.js';
import { runTool } from './run-tool.js';

/** Where the tools are, found once on PATH; netstat is optional. */
export interface LsofTools {
  readonly lsof: string;
  readonly ps: string;
  readonly netstat?: string;
}

/** lsof takes 50-200 ms, and longer on a busy Mac: generous, but a hung lsof must not hang a run. */
const lsofTimeoutMs = 10_000;
const psTimeoutMs = 5000;
/** Each look at start-up runs ps and lsof: start soon, then back off. */
const pollDelaysMs = [10, 20, 40, 80, 150, 250];

/** macOS ps shows environments with -E; procps (Linux) with the BSD-style e. */
const environmentVariants = [
  ['-A', '-E', '-ww', '-o', 'pid=,command='],
  ['-A', 'e', '-ww', '-o', 'pid=,command='],
] as const;

/** For systems without /proc (macOS): listening sockets from lsof, processes from ps. */
export function lsofPlatform(tools: LsofTools): Platform {
  async function listeningSockets(): Promise<ListeningSocket[]> {
    const { stdout, exitCode } = await runTool(
      tools.lsof,
      ['-nP', '-iTCP', '-sTCP:LISTEN', '-F', 'pcfnt'],
      lsofTimeoutMs,
    );
    // lsof exits 1 when it finds nothing, and also when it could not read some processes.
    if (exitCode !== 0 && exitCode !== 1) throw new Error(`lsof failed with exit code ${exitCode}`);
    return parseLsofListeners(stdout);
  }

  async function processes(): Promise<ProcessEntry[]> {
    const { stdout, exitCode } = await runTool(tools.ps, ['-A', '-o', 'pid=,ppid=,pgid=,stat='], psTimeoutMs);
    if (exitCode !== 0) throw new Error(`ps failed with exit code ${exitCode}`);
    return parseProcessTable(stdout);
  }

  const processTree = async (rootPid: number): Promise<number[]> => treeOf(await processes(), rootPid);

  async function listenersByOwner(
    rootPid: number,
  ): Promise<{ owned: ListeningSocket[]; foreign: ListeningSocket[] }> {
    const table = await listeningSockets();
    const tree = new Set(await processTree(rootPid));
    const ours = (socket: ListeningSocket): boolean => socket.pid !== undefined && tree.has(socket.pid);
    return { owned: table.filter(ours), foreign: table.filter((socket) => !ours(socket)) };
  }

  let environmentArgs: readonly string[] | undefined;
  async function processesWithEnvironment(entry: string): Promise<number[]> {
    // The variant that works here is found once; where none does, environments cannot be read.
    for (const args of environmentArgs === undefined ? environmentVariants : [environmentArgs]) {
      const { stdout, exitCode } = await runTool(tools.ps, args, psTimeoutMs);
      if (exitCode !== 0) continue;
      environmentArgs = args;
      return pidsWithEnvironmentEntry(stdout, entry);
    }
    return [];
  }

  async function netstat(): Promise<string | undefined> {
    if (tools.netstat === undefined) return undefined;
    const { stdout, exitCode } = await runTool(tools.netstat, ['-an'], psTimeoutMs);
    return exitCode === 0 ? stdout : undefined;
  }

  return {
    name: 'lsof',
    note: undefined,
    pollDelaysMs,
    listeningSockets,
    listenersByOwner,
    async ownedSocketIds(rootPid) {
      return new Set((await listenersByOwner(rootPid)).owned.map((socket) => socket.id));
    },
    startupWatch: () => pacedWatch(pollDelaysMs),
    async stillListening(socket) {
      return (await listeningSockets()).some((entry) => entry.id === socket.id);
    },
    ownerOf: (socket) => Promise.resolve(socket.pid),
    async commandLine(pid) {
      const { stdout, exitCode } = await runTool(
        tools.ps,
        ['-ww', '-o', 'command=', '-p', String(pid)],
        psTimeoutMs,
      );
      const command = stdout.trim();
      return exitCode === 0 && command !== '' ? command : undefined;
    },
    processTree,
    groupMembers: async (pgid) => liveGroupMembers(await processes(), pgid),
    async isRunning(pid) {
      const { stdout, exitCode } = await runTool(tools.ps, ['-o', 'stat=', '-p', String(pid)], psTimeoutMs);
      const state = stdout.trim();
      return exitCode === 0 && state !== '' && isLive({ pid, ppid: 0, pgid: 0, state });
    },
    processesWithEnvironment,
    async portInTimeWait(port) {
      const text = await netstat();
      return text !== undefined && timeWaitOnPort(text, port);
    },
    async unreadBytes(senderPort, receiverPort) {
      const text = await netstat();
      return text === undefined ? undefined : unreadBetween(text, senderPort, receiverPort);
    },
    // macOS caps its buffers well below the sizes the tests send (net.inet.tcp.autosndbufmax).
    heldWhileUnread: () => Promise.resolve(undefined),
    runnable: () => Promise.resolve(undefined),
  };
}
