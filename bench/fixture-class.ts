import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { repoRoot } from './paths.js';

/** What grading a submission must find: correct servers pass everything, buggy ones do not. */
export type FixtureKind = 'correct' | 'buggy' | 'seed';

export interface FixtureSubmission {
  readonly id: string;
  readonly kind: FixtureKind;
}

const echo = join(repoRoot, 'fixtures/echo');
const correct = ['threads_echo_server.py', 'asyncio_echo_server.py', 'poll_echo_server.c'];
// Named, not listed from the folder: a new fixture would change what the bench measures.
const buggy = [
  'accept_input_before_accept.py',
  'backpressure_send_timeout.py',
  'binary_decode_replace.py',
  'binary_strlen.c',
  'client_reset_select_uncaught.py',
  'half_close_fd_leak_fork.c',
  'idle_iterative.c',
  'many_thread_pool.py',
  'sequential_exit_when_empty.py',
  'single_stdio_unflushed.c',
  'stream_first_recv_only.py',
];

/**
 * A class of `size` submissions copied from the echo fixtures, each a folder with the same
 * `build.sh` and `run.sh <port>` the course config names: the fixtures in turn, so every kind is
 * spread over the class, and two copies of the seed server. C servers are compiled by build.sh.
 */
export function writeFixtureClass(classDir: string, python: string, size = 100): FixtureSubmission[] {
  const pool = [
    ...correct.map((name) => ({ path: join(echo, 'correct', name), kind: 'correct' as const })),
    ...buggy.map((name) => ({ path: join(echo, 'buggy', name), kind: 'buggy' as const })),
  ];
  // The course's first server, on the fixed port 2000: two students handed it in unchanged.
  const seedPositions = new Set([Math.round(size / 3), Math.round((2 * size) / 3)]);
  const submissions: FixtureSubmission[] = [];
  let next = 0;
  for (let number = 1; number <= size; number += 1) {
    const source = seedPositions.has(number)
      ? { path: join(echo, 'seed_echo_server.py'), kind: 'seed' as const }
      : (pool[next++ % pool.length] as (typeof pool)[number]);
    const fixture = basename(source.path);
    const id = `${String(number).padStart(3, '0')}-${basename(fixture, extname(fixture))}`;
    const folder = join(classDir, id);
    mkdirSync(folder, { recursive: true });
    if (extname(fixture) === '.c') {
      copyFileSync(source.path, join(folder, 'server.c'));
      writeFileSync(join(folder, 'build.sh'), 'exec gcc -O2 -o server server.c\n');
      writeFileSync(join(folder, 'run.sh'), 'exec ./server "$1"\n');
    } else {
      copyFileSync(source.path, join(folder, 'server.py'));
      writeFileSync(join(folder, 'build.sh'), '# nothing to build\n');
      writeFileSync(join(folder, 'run.sh'), `exec '${python}' -u server.py "$1"\n`);
    }
    submissions.push({ id, kind: source.kind });
  }
  return submissions;
}
