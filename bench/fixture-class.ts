import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * What grading a submission must find: correct servers pass everything (the slow one too, under the
 * default time limits), buggy ones do not, copies of the seed server are all graded alike.
 */
export type FixtureKind = 'correct' | 'slow' | 'buggy' | 'seed';

export interface FixtureSubmission {
  readonly id: string;
  readonly kind: FixtureKind;
}

interface Source {
  readonly path: string;
  readonly kind: FixtureKind;
  readonly count: number;
}

const fixtures = join(repoRoot, 'fixtures');
const echo = (path: string): string => join(fixtures, 'echo', path);

/**
 * The class the course's issue measured: 60 correct servers (threads, asyncio, one on a port of
 * the operating system's choosing), 4 copies of the course's server on its fixed port 2000, and
 * 36 with one of 9 common bugs, 4 each, one of them a correct server too slow to be quick.
 * Named, not listed from a folder: a new fixture would change what the bench measures.
 */
const mix: readonly Source[] = [
  { path: echo('correct/threads_echo_server.py'), kind: 'correct', count: 20 },
  { path: echo('correct/asyncio_echo_server.py'), kind: 'correct', count: 20 },
  { path: echo('correct/os_port_echo_server.py'), kind: 'correct', count: 20 },
  { path: echo('seed_echo_server.py'), kind: 'seed', count: 4 },
  { path: join(fixtures, 'timing/slow_echo_server.py'), kind: 'slow', count: 4 },
  ...[
    'stream_first_recv_only.py',
    'binary_decode_replace.py',
    'single_message_greeting.py',
    'client_reset_select_uncaught.py',
    'idle_settimeout_closes.py',
    'many_thread_pool.py',
    'accept_input_before_accept.py',
    'binary_strlen.c',
  ].map((name) => ({ path: echo(`buggy/${name}`), kind: 'buggy' as const, count: 4 })),
];

/** A fixed shuffle (a linear congruential generator): the kinds spread over the class, the same every run. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let state = 20_261_207;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/**
 * A class of 100 submissions copied from the fixtures above, in a fixed shuffled order, each a
 * folder with the same `build.sh` and `run.sh <port>` the course config names. C servers are
 * compiled by build.sh.
 */
export function writeFixtureClass(classDir: string, python: string): FixtureSubmission[] {
  const sources = shuffled(mix.flatMap((source) => Array.from({ length: source.count }, () => source)));
  return sources.map((source, index) => {
    const fixture = basename(source.path);
    const id = `${String(index + 1).padStart(3, '0')}-${basename(fixture, extname(fixture))}`;
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
    return { id, kind: source.kind };
  });
}
