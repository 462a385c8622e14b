import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { randomUUID } from 'node:crypto';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reporter } from '../../../reports/reporter.js';
import { runSuite, type RunPlan } from '../../../harness/runner/run-suite.js';
import type { LaunchSettings } from '../../../harness/runner/server-pool.js';
import type { ConformanceTest, Suite } from '../../../harness/runner/suite.js';
import type { TestContext } from '../../../harness/runner/test-context.js';
import { liveGroupCount } from '../../../harness/supervisor/live-groups.js';
import { StartupError } from '../../../harness/supervisor/startup-error.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { pollUntil } from '../../support/wait.js';

const echo = `require('net').createServer((s) => { s.pipe(s); s.on('error', () => {}); }).listen(+process.env.PORT, '127.0.0.1')`;
// Ignores the port it is given, as a server on a fixed port does (here one the system picks, so none collide).
const ownPort = `require('net').createServer((s) => { s.pipe(s); s.on('error', () => {}); }).listen(0, '127.0.0.1')`;

const markers: string[] = [];

afterEach(() => {
  for (const marker of markers.splice(0)) expect(killLeftovers(marker)).toEqual([]);
  expect(liveGroupCount()).toBe(0);
});

/** Counts the tests whose body is running, and the most seen at once. */
class Overlap {
  live = 0;
  most = 0;
  readonly pids = new Set<number>();
  readonly ended: number[] = [];
}

/**
 * A test that holds its server while up to `company` others hold theirs, within `waitMs`: tests
 * running at once meet here, and tests run one at a time each wait alone. `waitFor` makes it end
 * only after that test has ended (or `waitMs` passed).
 */
function meetingTest(
  index: number,
  overlap: Overlap,
  options: { company: number; waitMs: number; waitFor?: number },
): ConformanceTest {
  return {
    id: `fake.t${index}`,
    title: `test ${index}`,
    requirement: 'Tests MUST be independent.',
    policy: 'content',
    async run(context: TestContext) {
      await context.run(async (run) => {
        const client = await run.connect();
        overlap.live += 1;
        overlap.most = Math.max(overlap.most, overlap.live);
        overlap.pids.add(run.server.process.pid);
        await pollUntil(() => overlap.live > options.company, options.waitMs);
        const waitFor = options.waitFor;
        if (waitFor !== undefined) await pollUntil(() => overlap.ended.includes(waitFor), options.waitMs);
        client.write(`test ${index}`);
        await client.expect(`test ${index}`);
        overlap.live -= 1;
        overlap.ended.push(index);
      });
    },
  };
}

function plan(
  tests: readonly ConformanceTest[],
  script: string,
  jobs: number,
  launch: Partial<LaunchSettings> = {},
) {
  const marker = `conform-run-suite-test-${randomUUID()}`;
  markers.push(marker);
  const suite: Suite = { name: 'fake', title: 'Fake', protocolDoc: '', tests };
  const runPlan: RunPlan = {
    suite,
    selection: { only: [], skip: [] },
    settings: {
      seed: 7,
      runs: undefined,
      replyTimeoutMs: 5000,
      maxBufferedBytes: 1 << 20,
      shrinkTimeMs: 1000,
      replay: undefined,
    },
    launch: {
      command: {
        file: process.execPath,
        args: ['-e', script, marker],
        env: { ...process.env } as Record<string, string>,
        cwd: process.cwd(),
      },
      startupTimeoutMs: 20_000,
      platform: procPlatform,
      ...launch,
    },
    jobs,
    targetDisplay: 'fake',
    replayCommand: (args) => `conform ${args.join(' ')}`,
    conformVersion: 'test',
  };
  return { plan: runPlan, marker };
}

/** A reporter that writes down what it is told, in order. */
function recorder(): { reporter: Reporter; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reporter: {
      onTestStart: (test) => void calls.push(`start ${test.id}`),
      onTestEnd: (result) => void calls.push(`end ${result.id} ${result.status}`),
    },
  };
}

describe('runSuite with several jobs', () => {
  it('runs tests at once on servers of their own, and reports them in order', async () => {
    const overlap = new Overlap();
    // The first test ends only after the second has run: the second's result waits to be reported.
    const tests = [
      meetingTest(0, overlap, { company: 0, waitMs: 10_000, waitFor: 1 }),
      ...[1, 2, 3].map((index) => meetingTest(index, overlap, { company: 0, waitMs: 0 })),
    ];
    const { plan: runPlan, marker } = plan(tests, echo, 2);
    const { reporter, calls } = recorder();
    const report = await runSuite(runPlan, [reporter], new AbortController().signal);
    expect(report.tests.map((test) => `${test.id} ${test.status}`)).toEqual(
      ['fake.t0', 'fake.t1', 'fake.t2', 'fake.t3'].map((id) => `${id} passed`),
    );
    expect(overlap.ended.indexOf(1)).toBeLessThan(overlap.ended.indexOf(0));
    expect(overlap.most).toBe(2);
    expect(overlap.pids.size).toBe(4);
    expect(calls).toEqual(tests.flatMap((test) => [`start ${test.id}`, `end ${test.id} passed`]));
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('begins slow tests first when tests run at once, and reports them in their place', async () => {
    const overlap = new Overlap();
    const begun: string[] = [];
    const tests = [0, 1, 2, 3].map((index) => {
      const test = meetingTest(index, overlap, { company: 0, waitMs: 0 });
      return {
        ...test,
        slow: index === 3,
        run: (context: TestContext) => {
          begun.push(test.id);
          return test.run(context);
        },
      };
    });
    const { plan: runPlan } = plan(tests, echo, 2);
    const { reporter, calls } = recorder();
    const report = await runSuite(runPlan, [reporter], new AbortController().signal);
    // The first runs alone until its server shows that servers can run side by side.
    expect(begun.slice(0, 2)).toEqual(['fake.t0', 'fake.t3']);
    expect(report.tests.map((test) => test.id)).toEqual(tests.map((test) => test.id));
    expect(calls).toEqual(tests.flatMap((test) => [`start ${test.id}`, `end ${test.id} passed`]));
  });

  it('runs a test that waits beside the others, in no place of the jobs, begun first', async () => {
    const overlap = new Overlap();
    // t3 waits until t2 has ended; t1 and t2 meet, so both jobs are theirs while t3 waits. t3's wait
    // begins before any server of the others has started: its deadline leaves room for a loaded machine.
    const tests = [0, 1, 2, 3].map((index) => ({
      ...meetingTest(index, overlap, {
        company: index === 1 || index === 2 ? 2 : 0,
        waitMs: index === 3 ? 30_000 : 5000,
        ...(index === 3 && { waitFor: 2 }),
      }),
      waits: index === 3,
    }));
    const { plan: runPlan, marker } = plan(tests, echo, 2);
    const report = await runSuite(runPlan, [], new AbortController().signal);
    expect(report.tests.every((test) => test.status === 'passed')).toBe(true);
    // t1 and t2 each found two others holding servers: each other, and t3 waiting beside them.
    expect(overlap.most).toBe(3);
    expect(overlap.ended.indexOf(3)).toBeGreaterThan(overlap.ended.indexOf(2));
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('runs a server that ignores its port one test at a time, whatever the jobs', async () => {
    const overlap = new Overlap();
    const tests = [0, 1, 2].map((index) => ({
      ...meetingTest(index, overlap, { company: 1, waitMs: 200 }),
      slow: index === 2,
    }));
    const { plan: runPlan, marker } = plan(tests, ownPort, 4);
    const report = await runSuite(runPlan, [], new AbortController().signal);
    expect(report.tests.every((test) => test.status === 'passed')).toBe(true);
    expect(overlap.most).toBe(1);
    // One at a time, in the suite's order: a slow test waits its turn.
    expect(overlap.ended).toEqual([0, 1, 2]);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('runs servers given one --port one test at a time', async () => {
    const overlap = new Overlap();
    const tests = [0, 1, 2].map((index) => meetingTest(index, overlap, { company: 1, waitMs: 200 }));
    const port = await getPort({ host: '127.0.0.1' });
    const { plan: runPlan, marker } = plan(tests, echo, 4, { port });
    const report = await runSuite(runPlan, [], new AbortController().signal);
    expect(report.tests.every((test) => test.status === 'passed')).toBe(true);
    expect(overlap.most).toBe(1);
    expect(report.target.port).toBe(port);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('keeps no result of a test after one that left nothing to test, as one job would not run it', async () => {
    let started = 0;
    const test = (index: number, body: (context: TestContext) => Promise<void>): ConformanceTest => ({
      ...meetingTest(index, new Overlap(), { company: 0, waitMs: 0 }),
      async run(context) {
        await context.run(async (run) => {
          await run.connect();
          started += 1;
          await body(context);
        });
      },
    });
    const held = 'port 4 is held by another program';
    const tests = [
      test(0, async () => {
        await pollUntil(() => started >= 3, 10_000);
        throw new StartupError('foreign-port', held);
      }),
      test(1, async () => undefined),
      test(
        2,
        (context) => new Promise((resolve) => context.signal.addEventListener('abort', () => resolve())),
      ),
      test(3, async () => undefined),
      test(4, async () => undefined),
    ];
    const { plan: runPlan, marker } = plan(tests, echo, 3);
    const { reporter, calls } = recorder();
    const report = await runSuite(runPlan, [reporter], new AbortController().signal);
    expect(started).toBeGreaterThanOrEqual(3);
    expect(
      report.tests.map((result) => [result.status, result.failure?.kind, result.failure?.message]),
    ).toEqual([
      ['error', 'foreign-port', held],
      ...Array<string[]>(4).fill(['error', 'foreign-port', `not run: ${held}`]),
    ]);
    expect(calls.filter((call) => call.startsWith('start'))).toEqual(['start fake.t0']);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('still runs the tests before a slow one that left nothing to test', async () => {
    const held = 'port 4 is held by another program';
    const tests = [0, 1, 2, 3].map((index) => ({
      ...meetingTest(index, new Overlap(), { company: 0, waitMs: 0 }),
      ...(index === 2 && {
        slow: true,
        run: () => Promise.reject(new StartupError('foreign-port', held)),
      }),
    }));
    const { plan: runPlan } = plan(tests, echo, 2);
    const report = await runSuite(runPlan, [], new AbortController().signal);
    expect(report.tests.map((result) => [result.status, result.failure?.message])).toEqual([
      ['passed', undefined],
      ['passed', undefined],
      ['error', held],
      ['error', `not run: ${held}`],
    ]);
  });

  it('stops every running test when aborted, and leaves no server running', async () => {
    const stop = new AbortController();
    const overlap = new Overlap();
    const waiting: ConformanceTest = {
      ...meetingTest(0, overlap, { company: 0, waitMs: 0 }),
      async run(context) {
        await context.run(async (run) => {
          await run.connect();
          overlap.live += 1;
          if (overlap.live === 3) stop.abort(new Error('stopped by Ctrl-C'));
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        });
      },
    };
    const tests = [0, 1, 2, 3, 4, 5].map((index) => ({ ...waiting, id: `fake.t${index}` }));
    const { plan: runPlan, marker } = plan(tests, echo, 3);
    const { reporter, calls } = recorder();
    const report = await runSuite(runPlan, [reporter], stop.signal);
    expect(report.tests.map((test) => test.status)).toEqual(Array(6).fill('error'));
    expect(report.tests.slice(0, 3).map((test) => test.failure?.message)).toEqual(
      Array(3).fill('stopped by Ctrl-C'),
    );
    expect(report.tests.slice(3).map((test) => test.failure?.message)).toEqual(
      Array(3).fill('not run: the run was interrupted'),
    );
    expect(calls.filter((call) => call.startsWith('start'))).toEqual([
      'start fake.t0',
      'start fake.t1',
      'start fake.t2',
    ]);
    expect(processesMentioning(marker)).toEqual([]);
  });
});
