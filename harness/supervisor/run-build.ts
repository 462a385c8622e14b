import { describeExit, type ExitInfo } from './exit-info.js';
import { ServerProcess } from './server-process.js';
import type { Platform } from '../platform/platform.js';
import type { Sandbox } from './sandbox/sandbox.js';

export interface BuildRequest {
  readonly command: readonly string[];
  readonly timeoutMs: number;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** How the build's processes are found when it is stopped. */
  readonly platform: Platform;
  /** Confines the build as a server is, its writes to its folder kept once it succeeds. */
  readonly sandbox?: Sandbox;
}

/** How a build ended: its output tails, and why it failed when it did. */
export interface BuildOutcome {
  readonly ok: boolean;
  /** One sentence for a failed build: what ran and how it ended. */
  readonly problem: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/**
 * Runs a course's build step (`javac Server.java`) in the submission's folder, supervised and
 * confined as a server is: its own process group and sandbox, bounded output, and every process of
 * it stopped at its time limit.
 */
export async function runBuild(request: BuildRequest): Promise<BuildOutcome> {
  const started = performance.now();
  const [file, ...args] = request.command as [string, ...string[]];
  const build = ServerProcess.spawn(
    { file, args, env: request.env, cwd: request.cwd },
    request.platform,
    request.sandbox,
    'build',
  );
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<'time' | 'signal'>((resolve) => {
    timer = setTimeout(() => resolve('time'), request.timeoutMs);
    request.signal.addEventListener('abort', () => resolve('signal'), { once: true });
    if (request.signal.aborted) resolve('signal');
  });
  const ended = await Promise.race([build.exited, stopped]);
  clearTimeout(timer);
  const display = request.command.join(' ');
  let problem: string | undefined;
  if (ended === 'time' || ended === 'signal') {
    await build.stop();
    problem =
      ended === 'time'
        ? `the build \`${display}\` did not finish within ${request.timeoutMs / 1000} s`
        : `the build \`${display}\` was interrupted`;
  } else if (!succeeded(ended)) {
    const limits = build.limitsReached();
    problem = `the build \`${display}\` failed: it ${describeExit(ended)}${limits.length > 0 ? `; it ${limits.join(', and ')}` : ''}`;
  } else {
    // Whatever the build left running (a daemon, a watcher) goes with it.
    await build.stop();
  }
  return {
    ok: problem === undefined,
    problem,
    stdout: build.stdout.text(),
    stderr: build.stderr.text(),
    durationMs: Math.round(performance.now() - started),
  };
}

function succeeded(exit: ExitInfo): boolean {
  return exit.spawnError === undefined && exit.signal === null && exit.code === 0;
}
