import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { echoSuite } from '../../suites/echo/index.js';
import { processesMentioning } from '../support/processes.js';
import { pollUntil } from '../support/wait.js';
import { resolveSandbox } from '../../harness/config/resolve-sandbox.js';
import { Sandbox } from '../../harness/supervisor/sandbox/sandbox.js';
import { repoRoot } from '../support/run-conform.js';
import { assertBuilt, bin, copyFixture, removeCopy, startConform } from './conform-child.js';
import { itHandles } from './hostile-case.js';

/** What this machine lets conform do: tests of containment skip, saying why, where it cannot. */
const sandbox = Sandbox.prepare(resolveSandbox({}, { env: process.env, cwd: repoRoot })).report;
const noNamespace =
  sandbox.isolation === 'none' ? 'the kernel gives conform no pid namespace here (it needs root)' : undefined;
const skipped = (why: string | undefined): string => (why === undefined ? '' : ` (skipped: ${why})`);
const noCgroup = sandbox.enforcedBy.includes('cgroup')
  ? undefined
  : 'conform may make no pids cgroup here (it needs root), so a fork is refused without a word';

const quick = ['--timeout', '1000', '--shrink-time', '1000', '--seed', '1'];

/** Processes of the copy other than conform itself (its command line names the copy too). */
function serverProcesses(folder: string): string[] {
  return processesMentioning(folder).filter((line) => !line.includes(bin));
}

/**
 * conform SIGKILLed while `fixture` runs (once `started` holds for its processes): nothing of the
 * server may outlive it. A killed conform runs no code, so this needs the server tied to it
 * (a pid namespace, PR_SET_PDEATHSIG, a cgroup the next run empties, ...).
 */
async function killConformMidRun(
  fixture: string,
  args: readonly string[],
  started: (lines: string[]) => boolean,
): Promise<void> {
  const copy = await copyFixture(`hostile/${fixture}`);
  try {
    const run = startConform([...args, copy.path], 60_000, copy.folder);
    const exited = once(run.child, 'exit');
    expect(
      await pollUntil(() => started(serverProcesses(copy.folder)), 20_000),
      'the server never started',
    ).toBe(true);
    run.child.kill('SIGKILL');
    await exited;
    await pollUntil(() => serverProcesses(copy.folder).length === 0, 5000);
    expect(serverProcesses(copy.folder), 'server processes left after conform was killed').toEqual([]);
  } finally {
    await removeCopy(copy);
  }
}

describe('hostile servers held by limits and containment', () => {
  beforeAll(assertBuilt);

  // Each connection keeps at most 1 MiB nobody asked for, and the flood is the verdict, not the bytes it left.
  itHandles({
    fixture: 'endless_data.py',
    behaviour: 'writes bytes forever on 64 connections at once: flood at once, memory bounded',
    suite: echoSuite,
    args: [...quick, '--only', 'echo.many-clients'],
    verdicts: { 'echo.many-clients': { status: 'failed', kind: 'flood', says: /more than/ } },
    exitCode: 1,
    terminal: [/more than/],
    deadlineMs: 30_000,
  });

  // Found through the server's cgroup or pid namespace, not its process tree or environment.
  itHandles(
    {
      fixture: 'daemon_escapes.py',
      behaviour: 'starts a daemon that leaves its group, session, parent and environment: it is stopped too',
      suite: echoSuite,
      args: [...quick, '--only', 'echo.accept', '--only', 'echo.single-message'],
      verdicts: { 'echo.accept': { status: 'passed' }, 'echo.single-message': { status: 'passed' } },
      exitCode: 0,
      terminal: [/2 passed, 0 failed/],
      deadlineMs: 30_000,
    },
    noNamespace ?? noCgroup,
  );

  it.skipIf(noNamespace !== undefined)(
    `never_accepts.py: conform SIGKILLed mid-test leaves no server behind${skipped(noNamespace)}`,
    async () => {
      // The server itself, not a step of the sandbox on the way to it.
      await killConformMidRun('never_accepts.py', ['--timeout', '30000', '--only', 'echo.accept'], (lines) =>
        lines.some((line) => /^\d+: \S*python\S* \S*never_accepts\.py/.test(line)),
      );
    },
  );

  it.skipIf(noNamespace !== undefined)(
    `daemon_escapes.py: conform SIGKILLed mid-run leaves neither the server nor its daemon behind${skipped(noNamespace)}`,
    async () => {
      await killConformMidRun('daemon_escapes.py', [...quick], (lines) =>
        lines.some((line) => line.includes('--daemon')),
      );
    },
  );

  // Never without a cap that holds: RLIMIT_NPROC does not hold root, and a refused fork leaves no trace.
  itHandles(
    {
      fixture: 'fork_bomb.py',
      behaviour:
        'forks without end at its first connection: held at 64 processes, a failure naming --max-procs',
      suite: echoSuite,
      args: [...quick, '--max-procs', '64', '--only', 'echo.single-message'],
      verdicts: { 'echo.single-message': { status: 'failed', says: /--max-procs/ } },
      exitCode: 1,
      terminal: [/--max-procs/],
      deadlineMs: 45_000,
    },
    noCgroup,
  );

  itHandles({
    fixture: 'allocates_forever.py',
    behaviour: 'allocates 64 MiB more every 50 ms: stopped at 256 MiB, a failure naming --memory',
    suite: echoSuite,
    args: [...quick, '--memory', '256', '--only', 'echo.single-message'],
    verdicts: { 'echo.single-message': { status: 'failed', says: /--memory/ } },
    exitCode: 1,
    terminal: [/--memory/],
    deadlineMs: 30_000,
  });
});
