import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../../harness/results/run-report.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { runConform, type ConformRun } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';

// Copies: the fixture tables look for leftover servers by the fixtures' own folders while this file runs.
const folder = mkdtempSync(join(tmpdir(), 'conform-jobs-'));
afterAll(() => {
  killLeftovers(folder);
  rmSync(folder, { recursive: true, force: true });
});

function copied(path: string): string {
  const copy = join(folder, basename(path));
  copyFileSync(fixture(path), copy);
  return copy;
}

/** What differs between two runs of the same seed whatever the jobs: times, ports, and the timed transcripts and exchanges. */
function normalized(report: RunReport | undefined): unknown {
  const text = JSON.stringify(report, (key, value: unknown) => {
    if (['durationMs', 'startedAt', 'port', 'transcript', 'atMs'].includes(key)) return '~';
    return value;
  });
  return JSON.parse(withoutPorts(text));
}

function withoutPorts(text: string): string {
  return text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\bport \d+/g, 'port PORT');
}

/** The terminal report without times and ports. */
function terminal(run: ConformRun): string {
  return withoutPorts(run.stdout)
    .replace(/\d+(\.\d+)? (ms|s)\b/g, 'TIME')
    .replace(/ +TIME/g, ' TIME');
}

async function conformWith(jobs: number, server: string, seed: number): Promise<ConformRun> {
  // Shrinking runs to its end: cut off by time, the case shown would depend on the machine's load.
  const args = ['--seed', String(seed), '--shrink-time', '120000', '--jobs', String(jobs)];
  const run = await runConform([...args, '--', pythonExecutable(), server, '{port}']);
  expect(processesMentioning(folder)).toEqual([]);
  return run;
}

describe('--jobs', () => {
  it.each([
    { server: 'echo/correct/asyncio_echo_server.py', jobs: 4, exitCode: 0 },
    { server: 'echo/buggy/binary_decode_replace.py', jobs: 2, exitCode: 1 },
  ])('reports $server with --jobs $jobs exactly as with --jobs 1', async ({ server, jobs, exitCode }) => {
    const copy = copied(server);
    const alone = await conformWith(1, copy, 4242);
    const together = await conformWith(jobs, copy, 4242);
    expect(alone.exitCode).toBe(exitCode);
    expect(together.exitCode).toBe(exitCode);
    expect(normalized(together.report)).toEqual(normalized(alone.report));
    expect(terminal(together)).toBe(terminal(alone));
    if (exitCode === 1) expect(together.report?.summary.failed).toBeGreaterThan(0);
  });
});
