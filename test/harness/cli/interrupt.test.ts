import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunReport } from '../../../harness/results/run-report.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';

// Accepts and reads, but never replies: single-message waits for its reply when Ctrl-C comes.
const silent = `require('net').createServer((s) => { s.resume(); s.on('error', () => {}); }).listen(+process.env.PORT, '127.0.0.1') // interrupt-test-server`;

// SIGINT is Ctrl-C, SIGTERM a kill or a CI job's timeout, SIGHUP a closed terminal.
it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
  '%s stops the run: servers stopped, report written, exit code 130',
  async (signal) => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-interrupt-'));
    const jsonFile = join(folder, 'report.json');
    try {
      const child = spawn(
        process.execPath,
        // Two tests wait for their replies at once when the signal comes.
        [
          'bin/conform.js',
          '--timeout',
          '20000',
          '--jobs',
          '2',
          '--json',
          jsonFile,
          '--',
          process.execPath,
          '-e',
          silent,
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = once(child, 'exit');
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`echo.accept never finished:\n${stdout}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('echo.accept')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      expect(code).toBe(130);
      const report = JSON.parse(await readFile(jsonFile, 'utf8')) as RunReport;
      expect(report.tests[0]?.status).toBe('passed');
      expect(report.tests[1]?.status).toBe('error');
      expect(report.tests[1]?.failure?.kind).toBe('interrupted');
      expect(report.tests[2]?.failure?.kind).toBe('interrupted');
      expect(report.tests.at(-1)?.failure?.message).toBe('not run: the run was interrupted');
      expect(processesMentioning('interrupt-test-server')).toEqual([]);
    } finally {
      // A leak must not spill into the next signal's run.
      killLeftovers('interrupt-test-server');
      await rm(folder, { recursive: true, force: true });
    }
  },
);
