import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { runSuite, type RunPlan } from '../../../harness/runner/run-suite.js';
import type { ConformanceTest } from '../../../harness/runner/suite.js';
import { liveGroupCount } from '../../../harness/supervisor/live-groups.js';
import type { Reporter, TestProgress } from '../../../reports/reporter.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { repoRoot } from '../../support/run-conform.js';

const server = join(repoRoot, 'fixtures', 'echo', 'correct', 'node_echo_server.mjs');
const markers: string[] = [];

afterEach(() => {
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
  expect(liveGroupCount()).toBe(0);
});

/** A property over numbers sent to the echo server; a number above 500 fails it. Counts its runs. */
function numbersTest(id: string, runs: number, max: number, body: { calls: number; firstFailure?: number }) {
  const test: ConformanceTest = {
    id,
    title: `numbers up to ${max}`,
    requirement: 'Numbers MUST stay at most 500.',
    policy: 'content',
    runs,
    async run(context) {
      await context.property(fc.array(fc.nat(max), { minLength: 1, maxLength: 3 }), async (run, values) => {
        body.calls += 1;
        const client = await run.connect();
        client.write(values.join(','));
        await client.expect(values.join(','));
        if (values.some((value) => value > 500)) {
          body.firstFailure ??= body.calls;
          throw new Finding({ kind: 'mismatch', conn: 'c1', message: 'a number above 500' });
        }
      });
    },
  };
  return test;
}

function plan(tests: readonly ConformanceTest[]): RunPlan {
  const marker = `conform-progress-test-${randomUUID()}`;
  markers.push(marker);
  return {
    suite: { name: 'fake', title: 'Fake', protocolDoc: '', tests },
    selection: { only: [], skip: [] },
    settings: {
      seed: 42,
      runs: undefined,
      replyTimeoutMs: 5000,
      maxBufferedBytes: 1 << 20,
      shrinkTimeMs: 10_000,
      replay: undefined,
    },
    launch: {
      command: {
        file: process.execPath,
        args: [server, '{port}', marker],
        env: { ...process.env } as Record<string, string>,
        cwd: repoRoot,
      },
      startupTimeoutMs: 20_000,
      platform: procPlatform,
    },
    jobs: 2,
    targetDisplay: 'node_echo_server.mjs',
    replayCommand: (args) => `conform ${args.join(' ')}`,
    conformVersion: 'test',
  };
}

/** Each test's progress events, in the order they came. */
function progressRecorder(): { reporter: Reporter; events: Map<string, TestProgress[]> } {
  const events = new Map<string, TestProgress[]>();
  return {
    events,
    reporter: {
      onTestProgress: (progress) => {
        const own = events.get(progress.id) ?? [];
        own.push(progress);
        events.set(progress.id, own);
      },
    },
  };
}

/** Checks what every test's events share: a first event before any run, elapsed time that never goes back, one end. */
function expectWellFormed(events: readonly TestProgress[]): void {
  expect(events[0]).toMatchObject({ run: 0, runs: undefined, shrinking: false, ended: false });
  expect(events.at(-1)?.ended).toBe(true);
  expect(events.filter((event) => event.ended)).toHaveLength(1);
  for (const [index, event] of events.entries()) {
    expect(event.elapsedMs).toBeGreaterThanOrEqual(events[index - 1]?.elapsedMs ?? 0);
  }
}

describe('the progress the runner sends', () => {
  it('counts the runs of a passing property up to its runs, one at a time, and never shrinks', async () => {
    const body = { calls: 0 };
    const { reporter, events } = progressRecorder();
    const report = await runSuite(
      plan([numbersTest('fake.small', 15, 500, body)]),
      [reporter],
      new AbortController().signal,
    );
    expect(report.tests[0]?.status).toBe('passed');
    const own = events.get('fake.small') ?? [];
    expectWellFormed(own);
    const during = own.slice(1, -1);
    expect(during.map((event) => event.run)).toEqual([...Array(16).keys()]);
    expect(during.every((event) => event.runs === 15 && !event.shrinking)).toBe(true);
    expect(body.calls).toBe(15);
  });

  it('says shrinking only after a run failed, then counts the smaller cases tried', async () => {
    const failing = { calls: 0 } as { calls: number; firstFailure?: number };
    const passing = { calls: 0 };
    const { reporter, events } = progressRecorder();
    const report = await runSuite(
      plan([numbersTest('fake.large', 20, 1000, failing), numbersTest('fake.small', 10, 500, passing)]),
      [reporter],
      new AbortController().signal,
    );
    expect(report.tests.map((test) => test.status)).toEqual(['failed', 'passed']);
    const own = events.get('fake.large') ?? [];
    expectWellFormed(own);
    const firstFailure = failing.firstFailure as number;
    expect(firstFailure).toBeGreaterThan(0);
    const shrinkingFrom = own.findIndex((event) => event.shrinking);
    const before = own.slice(1, shrinkingFrom);
    expect(before.map((event) => event.run)).toEqual([...Array(firstFailure + 1).keys()]);
    const shrinking = own.slice(shrinkingFrom, -1);
    expect(shrinking.every((event) => event.shrinking && event.run === firstFailure)).toBe(true);
    expect(shrinking.map((event) => event.shrinkSteps)).toEqual([
      ...Array(failing.calls - firstFailure + 1).keys(),
    ]);
    expect(failing.calls - firstFailure).toBeGreaterThan(0);
    // The test beside it goes its own way.
    expect((events.get('fake.small') ?? []).some((event) => event.shrinking)).toBe(false);
  });

  it("ends the run with a reporter's failing progress hook, not the server's verdict, and stops every server", async () => {
    const broken = new Error('the status line broke');
    let aborted = 0;
    const reporter: Reporter = {
      onTestProgress: (progress) => {
        if (progress.run === 3) throw broken;
      },
      onRunAbort: () => (aborted += 1),
    };
    const runPlan = plan([numbersTest('fake.small', 20, 500, { calls: 0 })]);
    await expect(runSuite(runPlan, [reporter], new AbortController().signal)).rejects.toBe(broken);
    // Told once, so that a line it draws in place is gone before the error is printed.
    expect(aborted).toBe(1);
    const marker = runPlan.launch.command.args[2] as string;
    expect(processesMentioning(marker)).toEqual([]);
  });
});
