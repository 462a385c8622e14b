/** The ways conform can see a server's processes and sockets. */
export const platformNames = ['proc', 'lsof', 'port-only'] as const;
export type PlatformName = (typeof platformNames)[number];

/** A listening TCP socket. */
export interface ListeningSocket {
  /**
   * Tells this socket from another on the same port while it stays open: the inode under /proc,
   * the holder's pid and descriptor under lsof.
   */
  readonly id: string;
  readonly family: 4 | 6;
  /** Local address in its usual text form: 127.0.0.1, 0.0.0.0, ::, ::1, ::ffff:127.0.0.1. */
  readonly address: string;
  readonly port: number;
  /** Connections completed by the kernel and not yet taken by accept(), where the system shows it. */
  readonly acceptQueue?: number;
  /** The process listed as holding it, where the listing names one (lsof). */
  readonly pid?: number;
}

import type { Busyness } from '../supervisor/busyness.js';

/** CPU time a server's processes have used, in milliseconds. */
export interface CpuTimes {
  /** In the program's own code. */
  readonly userMs: number;
  /** In the kernel, in system calls made for it. */
  readonly systemMs: number;
  /** Bytes read and written through system calls (sockets included), where the system shows them. */
  readonly ioBytes?: number;
}

/** Listening sockets split by whether a server's process tree holds them. */
export interface ListenersByOwner {
  readonly owned: readonly ListeningSocket[];
  readonly foreign: readonly ListeningSocket[];
}

/** Time a server's threads spent ready to run but waiting for a CPU, over a sample of `elapsedMs`. */
export interface CpuWait {
  readonly waitedMs: number;
  readonly elapsedMs: number;
}

/**
 * What conform asks of the operating system about a server's processes and sockets. Chosen once at
 * start-up (resolve-platform.ts): /proc on Linux, lsof and ps on macOS, or only a TCP connect.
 */
export interface Platform {
  readonly name: PlatformName;
  /** One line for the report when this platform cannot check what the others do; undefined when it can. */
  readonly note: string | undefined;
  /** Delays between looks while a server starts, the last one repeated: longer where a look costs more. */
  readonly pollDelaysMs: readonly number[];
  /** Every listening TCP socket this platform can see. */
  listeningSockets(): Promise<ListeningSocket[]>;
  /** The same platform looking at the network namespace process `pid` is in; absent where there are none. */
  readonly inNetworkOf?: (pid: number) => Platform;
  /**
   * The listening sockets, split by whether the process tree of `rootPid` holds them. The table is
   * read before the tree, so a socket that starts listening in between is never taken for a
   * stranger's. `givenPort` is the port the server was given: all that port-only can look at.
   */
  listenersByOwner(rootPid: number, givenPort: number): Promise<ListenersByOwner>;
  /** Ids of the sockets the process tree of `rootPid` holds: its listening ones at least. */
  ownedSocketIds(rootPid: number): Promise<Set<string>>;
  /**
   * A cheap test, made fresh for each start, of whether looking at the listeners may find one now;
   * called at every poll (`attempt` counts them). Platforms with no cheap sign always say yes.
   */
  startupWatch(rootPid: number): (attempt: number) => Promise<boolean>;
  /** Whether a socket found earlier still listens; true where the platform cannot tell. */
  stillListening(socket: ListeningSocket): Promise<boolean>;
  /** The process holding a listening socket, if it can be found. */
  ownerOf(socket: ListeningSocket): Promise<number | undefined>;
  /** A process's command line, for messages. */
  commandLine(pid: number): Promise<string | undefined>;
  /** A server's processes: its process group, and every descendant of its first process. */
  processTree(rootPid: number): Promise<number[]>;
  /** Processes still running in a process group (zombies do not count). */
  groupMembers(pgid: number): Promise<number[]>;
  /** Whether a process still runs (a zombie does not). */
  isRunning(pid: number): Promise<boolean>;
  /** Processes whose environment holds `entry` (NAME=value); empty where environments cannot be read. */
  processesWithEnvironment(entry: string): Promise<number[]>;
  /** Whether a connection on a local port sits in TIME_WAIT; false where the system does not say. */
  portInTimeWait(port: number): Promise<boolean>;
  /**
   * Bytes one side of a local connection has sent that the other's program has not read yet;
   * undefined where the system does not say.
   */
  unreadBytes(senderPort: number, receiverPort: number): Promise<number | undefined>;
  /**
   * The most the kernel can hold of one direction of a local connection whose receiver reads
   * nothing (both ends' buffers); undefined where the system does not say.
   */
  heldWhileUnread(): Promise<number | undefined>;
  /**
   * Whether a process of the tree of `rootPid` is running or waiting for a CPU rather than blocked;
   * undefined where the system does not say.
   */
  runnable(rootPid: number): Promise<boolean | undefined>;
  /**
   * How busy the tree of `rootPid` is, looked at `looks` times over `sampleMs` (see Busyness, less
   * the limit conform set); absent where the system does not say.
   */
  readonly busyness?: (rootPid: number, sampleMs: number, looks: number) => Promise<Busyness>;
  /**
   * How long the threads of the tree of `rootPid` waited for a CPU over `sampleMs`: how much the
   * machine's load holds the server back right now. Absent, or undefined, where the system does not say.
   */
  readonly cpuWait?: (rootPid: number, sampleMs: number) => Promise<CpuWait | undefined>;
}
