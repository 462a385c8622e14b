import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { RunReport } from '../../harness/results/run-report.js';
import { killLeftovers } from '../support/processes.js';
import { repoRoot } from '../support/run-conform.js';
import { fixture } from '../support/toolchains.js';

export const bin = join(repoRoot, 'bin', 'conform.js');

/** bin/conform.js runs the compiled harness: `npm run build` first (npm test does). */
export function assertBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist', 'harness', 'cli', 'run-cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does) before these tests');
  }
}

/** A copy of a fixture in a folder of its own: its path marks every process of it (other files look for theirs). */
export interface FixtureCopy {
  readonly folder: string;
  readonly path: string;
}

export async function copyFixture(name: string): Promise<FixtureCopy> {
  const folder = await mkdtemp(join(tmpdir(), 'conform-hostile-'));
  const path = join(folder, basename(name));
  await copyFile(fixture(name), path);
  return { folder, path };
}

/** Kills what is left of the copy (a fork bomb may fork again meanwhile) and removes its folder. */
export async function removeCopy(copy: FixtureCopy): Promise<void> {
  for (let round = 0; round < 50 && killLeftovers(copy.folder).length > 0; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await rm(copy.folder, { recursive: true, force: true });
}

export interface ChildRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The --json file as written, or undefined when there is none. */
  readonly reportText: string | undefined;
  readonly report: RunReport | undefined;
  /** The highest VmHWM (peak resident memory) seen in conform's /proc status, in KiB. */
  readonly peakKib: number;
  /** Whether the deadline passed and the run was killed. */
  readonly timedOut: boolean;
}

/** The peak resident memory of a process so far, in KiB; undefined once it has ended. */
function highWaterMark(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface ConformChild {
  readonly child: ChildProcess;
  /** Resolves when conform has exited (or was killed at the deadline). */
  readonly result: Promise<ChildRun>;
}

/**
 * Starts `node bin/conform.js <args> --json <file>` as a child process, watching its peak memory
 * while it runs, and kills it with SIGKILL if it has not ended within `deadlineMs`.
 */
export function startConform(args: readonly string[], deadlineMs: number, folder: string): ConformChild {
  const jsonFile = join(folder, 'report.json');
  const dashes = args.indexOf('--');
  const own = dashes === -1 ? [...args] : args.slice(0, dashes);
  const command = dashes === -1 ? [] : args.slice(dashes);
  const child = spawn(process.execPath, [bin, ...own, '--json', jsonFile, ...command], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let peakKib = 0;
  const sample = (): void => {
    if (child.pid !== undefined) peakKib = Math.max(peakKib, highWaterMark(child.pid) ?? 0);
  };
  const sampler = setInterval(sample, 20);
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, deadlineMs);
  const result = (async (): Promise<ChildRun> => {
    const [exitCode, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    clearInterval(sampler);
    clearTimeout(deadline);
    const reportText = await readFile(jsonFile, 'utf8').catch(() => undefined);
    let report: RunReport | undefined;
    try {
      report = reportText === undefined ? undefined : (JSON.parse(reportText) as RunReport);
    } catch {
      report = undefined;
    }
    return { exitCode, signal, stdout, stderr, reportText, report, peakKib, timedOut };
  })();
  sample();
  return { child, result };
}
