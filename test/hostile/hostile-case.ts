import { expect, it } from 'vitest';
import type { Suite } from '../../harness/runner/suite.js';
import { processesMentioning } from '../support/processes.js';
import { copyFixture, removeCopy, startConform, type ChildRun, type FixtureCopy } from './conform-child.js';

/** What one test of the run must end with. */
export interface Verdict {
  readonly status: 'passed' | 'failed' | 'error';
  readonly kind?: string;
  /** Matched against the failure's message and hint together. */
  readonly says?: RegExp;
}

/** A hostile server and what conform must make of it, as data. */
export interface HostileCase {
  /** The file under fixtures/hostile/. */
  readonly fixture: string;
  /** What the server does to conform, in a few words: the vitest title. */
  readonly behaviour: string;
  readonly suite: Suite;
  /** Options before the server: which tests (--only), timeouts, a seed. */
  readonly args: readonly string[];
  /** Every test the run selects; the others must be skipped. */
  readonly verdicts: Readonly<Record<string, Verdict>>;
  readonly exitCode: number;
  /** Phrases the student reads in the terminal. */
  readonly terminal: readonly RegExp[];
  /** What the terminal must never show. */
  readonly terminalNever?: readonly RegExp[];
  /** The whole run must end within this (it is killed then): generous, not a benchmark. */
  readonly deadlineMs: number;
  /** Something the case needs around the run (a port held by another program); gives more options. */
  readonly around?: () => Promise<{
    readonly args: readonly string[];
    readonly release: () => Promise<void>;
  }>;
}

/** conform's own peak memory (VmHWM) must stay under this, whatever the server does. */
export const memoryLimitKib = 250 * 1024;

/** The checks every hostile run must pass: in time, the verdicts, the words, the report on disk, memory, no survivor. */
export function checkRun(run: ChildRun, hostile: HostileCase, copy: FixtureCopy): void {
  const shown = `${run.stdout}\n${run.stderr}`;
  expect(run.timedOut, `the run did not end within ${hostile.deadlineMs} ms:\n${shown}`).toBe(false);
  expect(run.exitCode, shown).toBe(hostile.exitCode);

  expect(run.reportText, `no --json report was written:\n${shown}`).toBeDefined();
  const tests = run.report?.tests ?? [];
  expect(
    tests.map((test) => test.id),
    'the report has every test of the suite',
  ).toEqual(hostile.suite.tests.map((test) => test.id));
  for (const test of tests) {
    const verdict = hostile.verdicts[test.id];
    if (verdict === undefined) {
      expect(test.status, test.id).toBe('skipped');
      continue;
    }
    expect(test.status, `${test.id}\n${shown}`).toBe(verdict.status);
    if (verdict.kind !== undefined) expect(test.failure?.kind, `${test.id}\n${shown}`).toBe(verdict.kind);
    if (verdict.says !== undefined) {
      expect([test.failure?.message, test.failure?.hint].join('\n'), test.id).toMatch(verdict.says);
    }
  }

  for (const phrase of hostile.terminal) expect(run.stdout).toMatch(phrase);
  for (const phrase of hostile.terminalNever ?? []) expect(run.stdout).not.toMatch(phrase);

  expect(run.peakKib, 'conform peak memory was never sampled').toBeGreaterThan(0);
  expect(run.peakKib, `conform's peak memory (VmHWM) in KiB`).toBeLessThan(memoryLimitKib);

  expect(processesMentioning(copy.folder), 'processes of the server left running').toEqual([]);
}

/** One vitest test per case: conform runs as a program on a copy of the fixture. `skip` says why not, when it must not run. */
export function itHandles(hostile: HostileCase, skip?: string): void {
  const title = `${hostile.fixture}: ${hostile.behaviour}${skip === undefined ? '' : ` (skipped: ${skip})`}`;
  it.skipIf(skip !== undefined)(title, async () => {
    const copy = await copyFixture(`hostile/${hostile.fixture}`);
    const around = await hostile.around?.();
    try {
      const args = ['--suite', hostile.suite.name, ...hostile.args, ...(around?.args ?? []), copy.path];
      const result = await startConform(args, hostile.deadlineMs, copy.folder).result;
      checkRun(result, hostile, copy);
    } finally {
      await around?.release();
      await removeCopy(copy);
    }
  });
}
