import { describe, expect, it } from 'vitest';
import { processesMentioning } from '../support/processes.js';
import { runBin } from '../support/run-bin.js';

// The rooms example suite (examples/rooms), whose expected behaviour is the course's Python
// solution run beside each server as the oracle, run as an instructor runs it: correct servers in
// Python and Node passing, and each buggy one failing the tests its bug breaks, with the lines the
// solution sent beside what the server sent.
const rooms = 'examples/rooms';
// A few cases a test (not the suite's 20 and 30), as the suite's opening clients meet from the
// start: six for a correct server, ten to find each bug at this seed.
const suite = ['--suite', `./${rooms}/suite.ts`, '--shrink-time', '500'];

function command(file: string): string[] {
  return file.endsWith('.py')
    ? ['--', 'python3', `${rooms}/${file}`, '{port}']
    : ['--', process.execPath, `${rooms}/${file}`, '{port}'];
}

describe('the rooms example suite', () => {
  for (const [server, seed] of [
    ['correct/rooms_threads.py', '1'],
    ['correct/rooms_server.mjs', '2'],
  ] as const) {
    it(`passes ${server}`, async () => {
      const run = await runBin([...suite, '--runs', '6', '--seed', seed, ...command(server)]);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.report?.tests.map((test) => `${test.id} ${test.status}`)).toEqual([
        'rooms.lobby passed',
        'rooms.script passed',
      ]);
      // Neither the servers nor the solutions outlive the run.
      expect(processesMentioning(rooms)).toEqual([]);
    });
  }

  it('fails a server that relays a message to every room at rooms.script only: a client in another room receives it', async () => {
    const run = await runBin([
      ...suite,
      '--runs',
      '10',
      '--seed',
      '1',
      ...command('buggy/relay_to_every_room.mjs'),
    ]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = run.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['rooms.script']);
    const failure = failed[0]?.failure;
    // A room's message came where the solution sent news (a /who's answer, say).
    expect(failure?.actual).toMatch(/^"\[#[a-z-]+\] \w+:/);
    expect(failure?.expected).toMatch(/^"\* /);
    expect(
      failure?.transcript?.filter((line) => /note \(the oracle sends c\d: "\* [^[]*\)$/.test(line)),
    ).toHaveLength(1);
    expect(processesMentioning(rooms)).toEqual([]);
  });

  it('fails a server that keeps the name of a client that left at both tests: the name is refused', async () => {
    const run = await runBin([
      ...suite,
      '--runs',
      '10',
      '--seed',
      '1',
      ...command('buggy/name_kept_after_leaving.py'),
    ]);
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = run.report?.tests.filter((test) => test.status === 'failed') ?? [];
    expect(failed.map((test) => test.id)).toEqual(['rooms.lobby', 'rooms.script']);
    const lobby = failed[0]?.failure;
    const taken = /^"\* You are now (\w+)\.\\n"$/.exec(lobby?.expected ?? '');
    expect(taken, lobby?.expected ?? undefined).not.toBeNull();
    expect(lobby?.actual).toMatch(new RegExp(`^"! Name ${taken?.[1] ?? ''} is taken`));
    expect(processesMentioning(rooms)).toEqual([]);
  });
});
