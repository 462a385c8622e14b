import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import { parseDuration, resolveTimeLimits } from '../../../harness/config/time-limits.js';
import { suites } from '../../../suites/index.js';
import { processesMentioning } from '../../support/processes.js';
import { runBin } from '../../support/run-bin.js';
import { repoRoot } from '../../support/run-conform.js';

const echo = suites.get('echo');
if (echo === undefined) throw new Error('no echo suite');

describe('parseDuration', () => {
  it('reads seconds, milliseconds, minutes and bare milliseconds', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2min')).toBe(120_000);
    expect(parseDuration(2500)).toBe(2500);
    expect(parseDuration('2500')).toBe(2500);
  });

  it('refuses what is no time, nothing, and more than an hour', () => {
    expect(parseDuration('fast')).toBeUndefined();
    expect(parseDuration('10 h')).toBeUndefined();
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('61min')).toBeUndefined();
  });
});

describe('resolveTimeLimits', () => {
  it('takes the config file first and the flags after, the last match winning', () => {
    const limits = resolveTimeLimits(
      echo,
      { 'echo.*': '20s', 'echo.large': 5000 },
      ['echo.large=8s'],
      'c.json',
    );
    expect(limits?.('echo.large')).toBe(8000);
    expect(limits?.('echo.accept')).toBe(20_000);
    const everyTest = resolveTimeLimits(echo, undefined, ['30s'], '');
    expect(everyTest?.('echo.accept')).toBe(30_000);
    expect(resolveTimeLimits(echo, undefined, [], '')).toBeUndefined();
  });

  it('names where a limit is wrong: a pattern that matches no test, a time that is none', () => {
    expect(() => resolveTimeLimits(echo, { 'echo.larg': '5s' }, [], 'c.json')).toThrow(
      /^`timeLimits` in c\.json names `echo\.larg`, which matches no test of suite echo: did you mean `echo\.large`\?$/,
    );
    expect(() => resolveTimeLimits(echo, undefined, ['echo.large=fast'], '')).toThrow(
      new ConfigError(
        '--time-limit echo.large=fast: expected a time such as 10s, 500ms or 2min (at most 60min), got `fast`',
      ),
    );
  });
});

describe('a time limit the course sets', () => {
  const slow = 'fixtures/timing/slow_echo_server.py';

  it('fails a correct but slow server at its limit, saying the course allows that long, and stops it then', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-limits-'));
    try {
      await writeFile(
        join(folder, 'conform.config.json'),
        JSON.stringify({ timeLimits: { 'echo.large': '2s' } }),
      );
      const run = await runBin(
        ['--config', join(folder, 'conform.config.json'), '--only', 'echo.large', join(repoRoot, slow)],
        repoRoot,
      );
      expect(run.exitCode, run.stdout).toBe(1);
      const failure = run.report?.tests.find((test) => test.id === 'echo.large')?.failure;
      expect(failure?.kind).toBe('timeout');
      expect(failure?.cause).toBe('time-limit');
      // 2 ms a KiB: about a MiB echoed back by the limit; more sent, held by the kernel, but not 16 MiB.
      const progress =
        /^the test did not finish within the 2 s the course allows it, and was stopped then: by then its clients had sent (.+) and received (.+)$/.exec(
          failure?.message ?? '',
        );
      expect(progress, failure?.message).not.toBeNull();
      expect(progress?.[2]).toMatch(/^(\d+(\.\d)? KiB|1(\.\d)? MiB|0\.\d MiB)$/);
      expect(progress?.[1]).toMatch(/ (KiB|MiB)$/);
      expect(progress?.[1]).not.toBe('16 MiB');
      // What it had done is shown: the client's writes, 64 KiB each.
      expect(failure?.transcript?.some((line) => / c1 +write 65536 B/.test(line))).toBe(true);
      expect(processesMentioning(slow)).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('passes a correct server within a limit set for every test by the flag', async () => {
    const run = await runBin([
      '--time-limit',
      '30s',
      '--only',
      'echo.large',
      '--only',
      'echo.single-message',
      'fixtures/echo/correct/threads_echo_server.py',
    ]);
    expect(run.exitCode, run.stdout).toBe(0);
    const ran = run.report?.tests.filter((test) => test.status !== 'skipped') ?? [];
    expect(ran.map((test) => `${test.id} ${test.status}`)).toEqual([
      'echo.single-message passed',
      'echo.large passed',
    ]);
  });
});
