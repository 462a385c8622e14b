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
    // A room's message came that the solution did not send that client at that point.
    const relayed = /^"(\[#[a-z-]+\] \w+:)/.exec(failure?.actual ?? '');
    expect(relayed, failure?.actual ?? undefined).not.toBeNull();
    const owed = failure?.transcript?.filter((line) => /note \(the oracle sends c\d: /.test(line)) ?? [];
    expect(owed).toHaveLength(1);
    expect(owed[0]).not.toContain(`"${relayed?.[1] ?? ''}`);
    expect(processesMentioning(rooms)).toEqual([]);
  });

  it('fails a server that keeps the name of a client that left at both tests: a name the solution has freed is still held', async () => {
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
    // The solution has freed the name: it gives it to the next client who asks (refused here), or
    // says no one holds it to a private message (sent here to the client who left).
    for (const failure of failed.map((test) => test.failure)) {
      const freed = /^"(?:\* You are now (\w+)\.|! No such user (\w+)\.)\\n"$/.exec(failure?.expected ?? '');
      expect(freed, failure?.expected ?? undefined).not.toBeNull();
      const name = freed?.[1] ?? freed?.[2] ?? '';
      // What came is shown as far as the expected line goes: its first bytes.
      expect(failure?.actual).toMatch(
        freed?.[1] === undefined ? /^""$/ : new RegExp(`^"! Name ${name} is taken`),
      );
    }
    expect(processesMentioning(rooms)).toEqual([]);
  });
});
