import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { echoSuite } from '../../suites/echo/index.js';
import { processesMentioning } from '../support/processes.js';
import { pollUntil } from '../support/wait.js';
import { assertBuilt, bin, copyFixture, removeCopy, startConform } from './conform-child.js';
import { itHandles } from './hostile-case.js';

/** The options this conform accepts: the limits are being added, and a fork bomb must never run without one. */
function helpText(): string {
  try {
    return execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { NO_COLOR: '1' } });
  } catch {
    return '';
  }
}
const help = helpText();
const hasMaxProcs = help.includes('--max-procs');
const hasMemory = help.includes('--memory');

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

// Waits for the server limits and process containment being built now: the flood limit of a connection
// (reported as kind flood, "more than", at once), a daemon that clears its environment found and stopped,
// servers stopped when conform itself is SIGKILLed, and the --max-procs and --memory options.
describe.skip('hostile servers that need limits conform does not have yet', () => {
  beforeAll(assertBuilt);

  // Today: a mismatch (c1 reads "x"), after conform has buffered up to 64 MiB for each of 64 connections
  // (a peak of about 600 MB measured, 3 to 30 s). With the 1 MiB limit alone it is still a mismatch (158 MB):
  // a read judges the bytes already buffered before the flood that stopped the connection.
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

  // Today: both tests pass, and one daemon per server started is left running, with an empty environment.
  itHandles({
    fixture: 'daemon_escapes.py',
    behaviour: 'starts a daemon that leaves its group, session, parent and environment: it is stopped too',
    suite: echoSuite,
    args: [...quick, '--only', 'echo.accept', '--only', 'echo.single-message'],
    verdicts: { 'echo.accept': { status: 'passed' }, 'echo.single-message': { status: 'passed' } },
    exitCode: 0,
    terminal: [/2 passed, 0 failed/],
    deadlineMs: 30_000,
  });

  // Today: the server is left running, its parent now init.
  it('never_accepts.py: conform SIGKILLed mid-test leaves no server behind', async () => {
    await killConformMidRun('never_accepts.py', ['--timeout', '30000', '--only', 'echo.accept'], (lines) =>
      lines.some((line) => line.includes('never_accepts.py')),
    );
  });

  // Today: the daemons are left running.
  it('daemon_escapes.py: conform SIGKILLed mid-run leaves neither the server nor its daemon behind', async () => {
    await killConformMidRun('daemon_escapes.py', [...quick], (lines) =>
      lines.some((line) => line.includes('--daemon')),
    );
  });

  // Never without the limit: conform refuses an unknown option before it starts anything, and this skips too.
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
    hasMaxProcs ? undefined : 'this conform has no --max-procs option',
  );

  itHandles(
    {
      fixture: 'allocates_forever.py',
      behaviour: 'allocates 64 MiB more every 50 ms: stopped at 256 MiB, a failure naming --memory',
      suite: echoSuite,
      args: [...quick, '--memory', '256', '--only', 'echo.single-message'],
      verdicts: { 'echo.single-message': { status: 'failed', says: /--memory/ } },
      exitCode: 1,
      terminal: [/--memory/],
      deadlineMs: 30_000,
    },
    hasMemory ? undefined : 'this conform has no --memory option',
  );
});
