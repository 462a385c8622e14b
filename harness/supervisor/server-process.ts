import { randomUUID } from 'node:crypto';
import { closeSync, constants, openSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import type { ExitInfo } from './exit-info.js';
import { trackGroup, untrackGroup } from './live-groups.js';
import { OutputTail } from './output-tail.js';
import type { PidsCgroup } from './sandbox/pids-cgroup.js';
import { limitsReached } from './sandbox/limits-reached.js';
import { signalFromExitCode, type Sandbox } from './sandbox/sandbox.js';
import type { ServerLimits } from './sandbox/server-limits.js';
import type { Platform } from '../platform/platform.js';
import { exists, signalGroup, signalProcess } from './process-signals.js';
import { NamespaceDialer } from './sandbox/namespace-dialer.js';
import { watchWrites } from './sandbox/write-watch.js';

export interface LaunchSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/**
 * Set in each server's environment to a value of its own, which every process it starts inherits:
 * how a daemon that left the server's process group and parent is still found and stopped.
 */
export const tagVariable = 'CONFORM_SERVER_TAG';

/** How long SIGTERM has before SIGKILL follows. */
const defaultGraceMs = 500;
const killWaitMs = 5000;

/**
 * A server started in a process group of its own, with its output kept in bounded tails.
 * Stopping signals the whole group, so children the server started stop too.
 */
export class ServerProcess {
  readonly pid: number;
  readonly stdout = new OutputTail();
  readonly stderr = new OutputTail();
  readonly exited: Promise<ExitInfo>;
  #exit: ExitInfo | undefined;
  #exitedAt: number | undefined;
  readonly #exitListeners = new Set<() => void>();
  #stopping = false;
  #exitedOnItsOwn = false;
  readonly #subprocess: ResultPromise;

  /** NAME=value in the environment of the server and of every process it starts. */
  readonly #tag: string;
  readonly #platform: Platform;
  /** Every process of the server, wherever it went, where the system gives conform a cgroup. */
  readonly #cgroup: PidsCgroup | undefined;
  readonly #limits: ServerLimits | undefined;
  /** Connects inside the server's network namespace, where it has one of its own. */
  readonly dialer: NamespaceDialer | undefined;
  /** Its processes cannot leave a pid namespace of their own: no search by tag is needed to find them. */
  readonly #ownPidNamespace: boolean;
  /** Whether the cap on processes was met, kept when the cgroup is removed. */
  #capReached = false;
  /** Whether it filled all it may write, and was killed for it. */
  #diskFull = false;

  private constructor(
    subprocess: ResultPromise,
    pid: number,
    tag: string,
    platform: Platform,
    confined: {
      cgroup?: PidsCgroup;
      ownPidNamespace?: boolean;
      limits?: ServerLimits;
      isolated?: boolean;
      writes?: { readonly path: string; readonly sizeKib: number } | undefined;
    } = {},
  ) {
    this.#subprocess = subprocess;
    this.pid = pid;
    this.#tag = tag;
    this.#platform = platform;
    this.#cgroup = confined.cgroup;
    this.#limits = confined.limits;
    this.#ownPidNamespace = confined.ownPidNamespace === true;
    this.dialer = confined.isolated === true ? new NamespaceDialer(subprocess) : undefined;
    subprocess.stdout?.on('data', (chunk: Buffer) => this.stdout.push(chunk));
    subprocess.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    subprocess.stdin?.on('error', () => undefined);
    // Like the CPU limit, the disk limit ends the server: it is killed as a whole.
    const stopWatching =
      confined.writes === undefined || pid <= 0
        ? () => undefined
        : watchWrites(pid, confined.writes, () => {
            this.#diskFull = true;
            signalGroup(pid, 'SIGKILL');
          });
    this.exited = new Promise<ExitInfo>((resolve) => {
      subprocess.once('exit', (code, signal) => {
        const passedOn = this.#ownPidNamespace ? signalFromExitCode(code) : undefined;
        this.#exitedAt = performance.now();
        resolve(passedOn === undefined ? { code, signal } : { code: null, signal: passedOn });
      });
      void subprocess.then((result) => {
        if (result.failed && result.exitCode === undefined && result.signal === undefined) {
          resolve({
            code: null,
            signal: null,
            spawnError: result.code ?? result.shortMessage ?? 'unknown error',
          });
        }
      });
    }).then((exit) => {
      stopWatching();
      this.#exit = exit;
      this.#exitedOnItsOwn = !this.#stopping;
      for (const listener of this.#exitListeners) listener();
      this.#exitListeners.clear();
      return exit;
    });
  }

  /**
   * `platform` finds the server's processes when it is stopped; a sandbox confines them (`build`: a
   * build step, whose writes to its folder are kept).
   */
  static spawn(
    spec: LaunchSpec,
    platform: Platform,
    sandbox?: Sandbox,
    role: 'server' | 'build' = 'server',
  ): ServerProcess {
    const tag = `${tagVariable}=${randomUUID()}`;
    const launch = sandbox?.wrap(spec, role);
    const started = launch?.spec ?? spec;
    // The launcher joins the cgroup through this descriptor (4): the namespace's /sys is read-only.
    const procs =
      launch?.cgroup === undefined ? undefined : openSync(launch.cgroup.procsFile, constants.O_WRONLY);
    const subprocess = execa(started.file, [...started.args], {
      cwd: started.cwd,
      env: { ...started.env, [tagVariable]: tag.slice(tagVariable.length + 1) },
      extendEnv: false,
      detached: true,
      cleanup: false,
      buffer: false,
      reject: false,
      // execa passes any descriptor the parent has open; its types name only 3 to 9.
      stdio: [
        'pipe',
        'pipe',
        'pipe',
        launch?.isolated === true ? 'ipc' : 'ignore',
        (procs ?? 'ignore') as 'ignore',
      ],
      encoding: 'buffer',
      forceKillAfterDelay: false,
      ...(launch?.isolated === true && { ipc: true, serialization: 'json' as const }),
    });
    if (procs !== undefined) closeSync(procs);
    const pid = subprocess.pid ?? -1;
    if (pid > 0) trackGroup(pid);
    // The descriptors past stderr are the launcher's alone: nothing here reads them.
    return new ServerProcess(subprocess as unknown as ResultPromise, pid, tag, platform, launch);
  }

  /** The open-files limit each of its processes runs under, where conform set one. */
  get openFilesLimit(): number | undefined {
    return this.#limits?.openFiles;
  }

  /** The limits the server ran into so far, each as the end of a sentence beginning "the server". */
  limitsReached(): string[] {
    if (this.#limits === undefined) return [];
    return limitsReached(this.#limits, {
      processCapReached: this.#processCapReached(),
      diskFull: this.#diskFull,
      exit: this.#exit,
      stderr: this.stderr.text(),
    });
  }

  #processCapReached(): boolean {
    this.#capReached ||= this.#cgroup?.limitReached() ?? false;
    return this.#capReached;
  }

  /** How the process ended, or undefined while it runs. */
  /** When conform saw the server end, on performance.now()'s clock. */
  get exitedAt(): number | undefined {
    return this.#exitedAt;
  }

  get exit(): ExitInfo | undefined {
    return this.#exit;
  }

  /**
   * Calls `listener` once, when the process ends (at once if it has). Returns a function that takes
   * the listener back, so a waiter called many times leaves nothing behind.
   */
  onceExit(listener: () => void): () => void {
    if (this.#exit !== undefined) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** Whether the process ended before conform asked it to stop: a crash, or an exit of its own. */
  get exitedOnItsOwn(): boolean {
    return this.#exitedOnItsOwn;
  }

  /** Waits up to `ms` for the process to end by itself; true if it did. */
  async exitsWithin(ms: number): Promise<boolean> {
    if (this.#exit !== undefined) return this.#exitedOnItsOwn;
    return (await within(this.exited, ms)) !== undefined && this.#exitedOnItsOwn;
  }

  /**
   * SIGTERM to the group, SIGKILL after a grace period, then to any straggler. Children that left
   * the group (setsid) are found through their parents, and daemons that left their parents too
   * through the tag in their environment (reading every process's environment, so only where the
   * server has no pid namespace of its own: there they cannot leave it, and end with it); they are
   * signalled one by one.
   */
  async stop(graceMs = defaultGraceMs): Promise<ExitInfo> {
    if (this.pid <= 0) return this.exited;
    this.#stopping = true;
    this.#subprocess.stdin?.destroy();
    const platform = this.#platform;
    const [tree, tagged] = await Promise.all([platform.processTree(this.pid), this.#tagged()]);
    const contained = this.#cgroup?.members() ?? [];
    // Grows if a process forks a daemon just before its end.
    const strays = [...new Set([...tree, ...tagged, ...contained])].filter((pid) => pid !== this.pid);
    const signalAll = (signal: NodeJS.Signals): void => {
      signalGroup(this.pid, signal);
      for (const pid of strays) signalProcess(pid, signal);
    };
    if (this.#exit === undefined) {
      signalAll('SIGTERM');
      const exit = await within(this.exited, graceMs);
      if (exit === undefined) signalAll('SIGKILL');
    }
    signalAll('SIGKILL');
    const exit = await within(this.exited, killWaitMs);
    await this.#waitUntilGone(strays, signalAll);
    this.#processCapReached();
    this.#cgroup?.remove();
    untrackGroup(this.pid);
    if (exit === undefined) throw new Error(`server process ${this.pid} did not exit after SIGKILL`);
    return exit;
  }

  /** Processes carrying the server's tag, where they could have left its pid namespace (it has none). */
  #tagged(): Promise<number[]> {
    return this.#ownPidNamespace ? Promise.resolve([]) : this.#platform.processesWithEnvironment(this.#tag);
  }

  /** The kernel reaps killed processes on its own time; there is no event to wait on, so look again. */
  async #waitUntilGone(strays: number[], signalAll: (signal: NodeJS.Signals) => void): Promise<void> {
    const deadline = performance.now() + killWaitMs;
    const left = async (): Promise<number[]> => {
      // Signal 0 finds no one at once in the usual case; only then is the process table read, to pass
      // over zombies (which stay where no one reaps them: init does not in some containers).
      if (exists(-this.pid) || strays.some(exists)) {
        const running = await Promise.all(strays.map((pid) => this.#platform.isRunning(pid)));
        const alive = [
          ...(await this.#platform.groupMembers(this.pid)),
          ...strays.filter((_, index) => running[index]),
        ];
        if (alive.length > 0) return alive;
      }
      // One last look for a daemon forked after the first look, by a process now gone.
      const tagged = await this.#tagged();
      const late = [...tagged, ...(this.#cgroup?.members() ?? [])].filter((pid) => !strays.includes(pid));
      strays.push(...late);
      return late;
    };
    for (let alive = await left(); alive.length > 0; alive = await left()) {
      if (performance.now() > deadline) {
        throw new Error(`processes of server ${this.pid} survived SIGKILL: ${alive.join(', ')}`);
      }
      signalAll('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
