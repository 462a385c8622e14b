import { once } from 'node:events';
import { createServer } from 'node:net';
import fc from 'fast-check';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { parseReplayToken, type ReplayToken } from '../../../harness/runner/replay-token.js';
import { RunKnowledge } from '../../../harness/runner/run-knowledge.js';
import { runTest } from '../../../harness/runner/run-test.js';
import { ServerPool } from '../../../harness/runner/server-pool.js';
import type { ConformanceTest } from '../../../harness/runner/suite.js';
import { liveGroupCount } from '../../../harness/supervisor/live-groups.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';

const echo = `require('net').createServer((s) => { s.pipe(s); s.on('error', () => {}); }).listen(+process.env.PORT, '127.0.0.1')`;
// Like the course's first server: one client, then it closes its listening socket and exits.
const oneClient = `const srv = require('net').createServer((s) => { srv.close(); s.pipe(s); s.on('error', () => {}); s.on('close', () => process.exit(0)); }); srv.listen(+process.env.PORT, '127.0.0.1')`;
// Serves one client; exits cleanly once the next one has connected and sent, without answering it.
const exitsOnNextClient = `let n = 0; require('net').createServer((s) => { s.on('error', () => {}); if (++n === 1) s.pipe(s); else s.once('data', () => process.exit(0)); }).listen(+process.env.PORT, '127.0.0.1')`;
const silent = `require('net').createServer((s) => { s.on('error', () => {}); }).listen(+process.env.PORT, '127.0.0.1')`;

const pools: ServerPool[] = [];

function environment(script: string, replay?: ReplayToken, port?: number) {
  const pool = new ServerPool({
    command: {
      file: process.execPath,
      args: ['-e', script],
      env: { ...process.env } as Record<string, string>,
      cwd: process.cwd(),
    },
    startupTimeoutMs: 5000,
    platform: procPlatform,
    ...(port !== undefined && { port }),
  });
  pools.push(pool);
  return {
    pool,
    settings: {
      seed: 1234,
      runs: undefined,
      replyTimeoutMs: 1000,
      maxBufferedBytes: 1 << 20,
      shrinkTimeMs: 5000,
      replay,
    },
    knowledge: new RunKnowledge(),
    signal: new AbortController().signal,
    replayCommand: (args: readonly string[]) => `conform ${args.join(' ')}`,
  };
}

afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
  expect(liveGroupCount()).toBe(0);
});

function propertyTest(overrides: Partial<ConformanceTest> & { counter?: { runs: number } }): ConformanceTest {
  return {
    id: 'fake.property',
    title: 'fails for any number above 500',
    requirement: 'Numbers MUST stay small.',
    policy: 'content',
    runs: 50,
    async run(context) {
      await context.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }), async (run, values) => {
        if (overrides.counter) overrides.counter.runs += 1;
        run.note(`values ${JSON.stringify(values)}`);
        const client = await run.connect();
        client.write('ping');
        await client.expect('ping');
        if (values.some((value) => value > 500)) {
          throw new Finding({ kind: 'mismatch', conn: 'c1', message: 'a value above 500' });
        }
      });
    },
    ...overrides,
  };
}

describe('runTest with a property', () => {
  it('shrinks a failure to its smallest case and prints a replay token', async () => {
    const result = await runTest(propertyTest({}), environment(echo));
    expect(result.status).toBe('failed');
    expect(result.failure?.counterexample).toContain('# values [501]');
    // A search's case, so the reports call it the smallest failing case found.
    expect(result.failure?.searched).toBe(true);
    expect(result.failure?.replay).toMatch(
      /^conform --only fake\.property --replay fake\.property\/1234\/[\d:]+$/,
    );
  });

  it('replays exactly the shrunk case, in one run', async () => {
    const first = await runTest(propertyTest({}), environment(echo));
    const token = parseReplayToken(first.failure?.replay?.split('--replay ')[1] ?? '');
    expect(token).toBeDefined();
    const counter = { runs: 0 };
    const replayed = await runTest(propertyTest({ counter }), environment(echo, token));
    expect(replayed.failure?.counterexample).toEqual(first.failure?.counterexample);
    expect(counter.runs).toBe(1);
  });

  it('reports the smallest case as it fails at the full wait, though shrinking waited less', async () => {
    // Never answers a number above 500; answers one from 100 on after 300 ms, within the full wait.
    const slowAbove100 = `require('net').createServer((s) => { s.on('error', () => {}); s.on('data', (d) => { const n = Number(d); if (n > 500) return; setTimeout(() => s.write(d), n >= 100 ? 300 : 0); }); }).listen(+process.env.PORT, '127.0.0.1')`;
    const test: ConformanceTest = {
      ...propertyTest({}),
      run: (context) =>
        context.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }), async (run, values) => {
          run.note(`values ${JSON.stringify(values)}`);
          const client = await run.connect();
          const largest = String(Math.max(...values));
          client.write(largest);
          await client.expect(largest);
        }),
    };
    const quick = environment(slowAbove100);
    // Replies so far came at once: a shrink's try waits the least it may, and so gives up on the
    // 300 ms answers as if they would never come.
    for (let index = 0; index < 200; index += 1) quick.knowledge.replyWaits.add(1);
    const result = await runTest(test, quick);
    expect(result.status).toBe('failed');
    expect(result.failure?.message).toMatch(/then nothing more for 1000 ms$/);
    // Not a number from 100 to 500, which a try that waited less took for failing: the case found
    // first, which fails at the full wait too.
    const shown = result.failure?.counterexample?.find((line) => line.startsWith('# values'));
    const values = JSON.parse(shown?.slice('# values '.length) ?? '[]') as number[];
    expect(Math.max(...values)).toBeGreaterThan(500);
  });

  it('shrinks a case that fails at any wait to its smallest, reported at the full wait', async () => {
    const result = await runTest(
      {
        ...propertyTest({}),
        run: (context) =>
          context.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }), async (run, values) => {
            run.note(`values ${JSON.stringify(values)}`);
            const client = await run.connect();
            if (values.some((value) => value > 500)) await client.expect('never sent');
          }),
      },
      environment(silent),
    );
    expect(result.failure?.counterexample).toContain('# values [501]');
    expect(result.failure?.message).toMatch(/then nothing more for 1000 ms$/);
  });

  it('passes when no value fails', async () => {
    const test = propertyTest({ runs: 20 });
    const result = await runTest(
      { ...test, run: (context) => context.property(fc.nat(10), async (run) => void (await run.connect())) },
      environment(echo),
    );
    expect(result.status).toBe('passed');
    expect(result.score).toBe(1);
  });

  it('judges a one-client server fairly in a content test: a fresh server for each run', async () => {
    const counter = { runs: 0 };
    const test = propertyTest({ runs: 15, counter });
    const result = await runTest(
      {
        ...test,
        run: (context) =>
          context.property(fc.string({ minLength: 1 }), async (run, text) => {
            counter.runs += 1;
            const client = await run.connect();
            client.write(text);
            await client.expect(text);
          }),
      },
      environment(oneClient),
    );
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(counter.runs).toBeGreaterThanOrEqual(15);
  });

  /** A persistent test whose every run has one client say hello and hear it back. */
  const helloPerRun = (): ConformanceTest => ({
    ...propertyTest({ policy: 'persistent', runs: 10 }),
    run: (context) =>
      context.property(fc.nat(5), async (run) => {
        const client = await run.connect();
        client.write('hello');
        await client.expect('hello');
      }),
  });

  it('fails a persistent test when the server exits after a run, without blaming a smaller case', async () => {
    const result = await runTest(helloPerRun(), environment(oneClient));
    expect(result.status).toBe('failed');
    expect(result.failure?.kind).toBe('server-exit');
    expect(result.failure?.message).toMatch(/exited with code 0 after the clients of a run disconnected/);
    expect(result.failure?.counterexample).toContain('c1.write("hello")');
  });

  it('blames the exit, not the next run, when a server that exits cleanly took that run in before it went', async () => {
    const result = await runTest(helloPerRun(), environment(exitsOnNextClient));
    expect(result.status).toBe('failed');
    expect(result.failure?.message).toMatch(/exited with code 0 after the clients of a run disconnected/);
    expect(result.failure?.cause).toBe('finding');
  });

  it("reports a port another program took between tests as an error, not the server's failure", async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const shared = environment(echo, undefined, port);
    const test: ConformanceTest = {
      id: 'fake.ping',
      title: 'echoes ping',
      requirement: 'The server MUST echo.',
      policy: 'persistent',
      async run(context) {
        await context.run(async (run) => {
          const client = await run.connect();
          client.write('ping');
          await client.expect('ping');
        });
      },
    };
    expect((await runTest(test, shared)).status).toBe('passed');
    // Another program, say a classmate's server, now listens on the fixed port.
    const stranger = createServer();
    stranger.listen(port, '127.0.0.1');
    await once(stranger, 'listening');
    try {
      const result = await runTest(test, shared);
      expect(result.status).toBe('error');
      expect(result.failure?.kind).toBe('foreign-port');
      expect(result.failure?.message).toContain(
        `port ${port} is held by another program (pid ${process.pid}`,
      );
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
  });

  it('never lets a client reach another program that took a fixed port the server let go', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    // Binds a port of its own, not the one it is given; after its one client it closes the listening
    // socket, and lives on a while, so conform has not seen it exit.
    const script = `const srv = require('net').createServer((s) => { srv.close(); s.pipe(s); s.on('error', () => {}); }); srv.listen(${port}, '127.0.0.1'); setTimeout(() => process.exit(0), 20000)`;
    const stranger = createServer((socket) => socket.pipe(socket));
    const test: ConformanceTest = {
      id: 'fake.second-client',
      title: 'serves a second client',
      requirement: 'The server MUST go on accepting clients.',
      policy: 'persistent',
      async run(context) {
        await context.run(async (run) => {
          const first = await run.connect();
          first.write('one');
          await first.expect('one');
          // Another program takes the port as soon as it is free.
          for (let tries = 0; ; tries += 1) {
            try {
              stranger.listen(port, '127.0.0.1');
              await once(stranger, 'listening');
              break;
            } catch (error) {
              if (tries > 200) throw error;
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
          }
          const second = await run.connect();
          second.write('two');
          await second.expect('two');
        });
      },
    };
    try {
      const result = await runTest(test, environment(script));
      expect(result.status).toBe('error');
      expect(result.failure?.kind).toBe('foreign-port');
      expect(result.failure?.message).toContain(
        `port ${port} is held by another program (pid ${process.pid}`,
      );
    } finally {
      if (stranger.listening) await new Promise((resolve) => stranger.close(resolve));
    }
  });

  it('reports a harness error as an error, not a failure, and stops searching', async () => {
    const counter = { runs: 0 };
    const test = propertyTest({});
    const result = await runTest(
      {
        ...test,
        run: (context) =>
          context.property(fc.nat(), async () => {
            counter.runs += 1;
            throw new TypeError('a bug in a test');
          }),
      },
      environment(echo),
    );
    expect(result.status).toBe('error');
    expect(result.failure?.kind).toBe('internal');
    expect(result.failure?.message).toContain('a bug in a test');
    expect(counter.runs).toBe(1);
  });

  it('ends a test that runs past its time limit', async () => {
    const result = await runTest(
      {
        ...propertyTest({}),
        timeLimitMs: 300,
        run: (context) =>
          context.run(async (run) => {
            const client = await run.connect();
            await client.expect('never', { timeoutMs: 10_000 });
          }),
      },
      environment(silent),
    );
    expect(result.status).toBe('failed');
    expect(result.failure?.kind).toBe('timeout');
    expect(result.failure?.message).toMatch(/did not finish within 0.3 s/);
  });

  it('ends a test stuck on a promise that never settles, when its time is up', async () => {
    const result = await runTest(
      {
        ...propertyTest({}),
        timeLimitMs: 300,
        run: (context) =>
          context.run(async (run) => {
            await run.connect();
            await new Promise(() => undefined);
          }),
      },
      environment(silent),
    );
    expect(result.status).toBe('failed');
    expect(result.failure?.message).toMatch(/did not finish within 0.3 s/);
  });
});
