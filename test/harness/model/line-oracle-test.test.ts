import { describe, expect, it } from 'vitest';
import { processesMentioning } from '../../support/processes.js';
import { runBin } from '../../support/run-bin.js';

// A suite whose expected behaviour is its oracle's (fixtures/suites/shout: a Node solution that
// stamps each answer, compared through a normaliser), run as an instructor runs it.
const shout = 'fixtures/suites/shout';
const suite = ['--suite', `./${shout}/suite.ts`, '--runs', '5', '--seed', '1'];

describe('a test whose expected behaviour is an oracle server', () => {
  it('passes a correct server in another language, whose stamps differ from the oracle’s', async () => {
    const run = await runBin([...suite, `${shout}/correct/shout.py`]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.report?.tests.map((test) => [test.id, test.status])).toEqual([['shout.lines', 'passed']]);
    // Neither the server nor the oracle outlives the run.
    expect(processesMentioning(shout)).toEqual([]);
  });

  it("fails a server that differs from the oracle, showing the oracle's lines for that client", async () => {
    const run = await runBin([
      ...suite,
      '--timeout',
      '1000',
      '--shrink-time',
      '500',
      `${shout}/buggy/no_relay.py`,
    ]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failure = run.report?.tests[0]?.failure;
    expect(run.report?.tests[0]?.status).toBe('failed');
    // The relayed line never came: the client is owed it before its barrier.
    expect(failure?.message).toMatch(/^c\d expected "[a-z ]+" but received nothing, then nothing more/);
    expect(failure?.transcript?.at(-1)).toMatch(/# +note \(the oracle sends c\d: "[a-z ]+", "PONG"\)$/);
    expect(processesMentioning(shout)).toEqual([]);
  });

  it('takes the oracle --oracle gives over the suite’s, and its replay line too', async () => {
    // The buggy server as the oracle: the correct server then fails.
    const oracle = ['--oracle', `python3 ${shout}/buggy/no_relay.py {port}`];
    const correct = await runBin([...suite, ...oracle, '--shrink-time', '500', `${shout}/correct/shout.py`]);
    expect(correct.exitCode, correct.stdout).toBe(1);
    // A line the oracle never relayed came where its answer was due, both compared as normalised.
    expect(correct.report?.tests[0]?.failure?.message).toMatch(
      /^c\d received "[a-z ]+" where "PONG" was expected \(compared as the suite normalises lines: "[a-z ]+" and "PONG"\)$/,
    );
    expect(correct.report?.tests[0]?.failure?.replay).toContain(
      `--oracle 'python3 ${shout}/buggy/no_relay.py {port}'`,
    );
    expect(processesMentioning(shout)).toEqual([]);
  });

  it("reports an oracle that does not start as the suite's error, not the server's failure", async () => {
    const run = await runBin([...suite, '--oracle', 'python3 -c pass', `${shout}/correct/shout.py`]);
    expect(run.exitCode, run.stdout).toBe(3);
    const test = run.report?.tests[0];
    expect(test?.status).toBe('error');
    expect(test?.failure?.kind).toBe('suite');
    expect(test?.failure?.message).toMatch(
      /^the oracle \(python3 -c pass\) did not start: the server exited with code 0 before listening/,
    );
    expect(processesMentioning(shout)).toEqual([]);
  });

  it('stops with one line when a test needs an oracle and none is given', async () => {
    const run = await runBin(['--suite', `./${shout}/no-oracle.ts`, `${shout}/correct/shout.py`]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toBe(
      'conform: test shout.lines takes its expected behaviour from an oracle, and suite shout names none: give one with --oracle "python3 solution.py {port}"',
    );
  });

  it('points `conform reference` at the oracle, the only reference such a suite has', async () => {
    const run = await runBin(['reference', `./${shout}/suite.ts`], undefined, { json: false });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^conform: the suite \.\/fixtures\/suites\/shout\/suite\.ts has no model to serve: its expected behaviour is its oracle's, so run that \(node solution\.mjs \{port\}, in \/.*\/fixtures\/suites\/shout\) with the port in place of \{port\}$/,
    );
  });
});
