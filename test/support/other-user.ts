import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run-conform.js';

/** A user with no privileges, as a student or a CI runner runs conform. */
export interface OtherUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** conform's bin/conform.js as that user can run it: this checkout, or a copy it can read. */
  readonly conform: string;
  /** A PATH whose programs that user can run (a root's ~/.pyenv is not readable by others). */
  readonly path: string;
}

const name = 'conform-grader';
const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
let made: OtherUser | string | undefined;

function run(file: string, args: readonly string[]): { ok: boolean; out: string } {
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}`.trim() };
}

function asUser(args: readonly string[]): { ok: boolean; out: string } {
  return run('runuser', ['-u', name, '--', 'env', `PATH=${path}`, ...args]);
}

/**
 * The test's unprivileged user, made once (as root) with `useradd`, or why there is none: the tests
 * of a normal user's conform then skip, saying so.
 */
export function otherUser(): OtherUser | string {
  made ??= makeUser();
  return made;
}

function makeUser(): OtherUser | string {
  if (process.getuid?.() !== 0) return 'making a user needs root';
  if (!run('id', ['-u', name]).ok) {
    const added = run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
    if (!added.ok) return `useradd failed: ${added.out}`;
  }
  const uid = Number(run('id', ['-u', name]).out);
  const gid = Number(run('id', ['-g', name]).out);
  if (!asUser(['python3', '-c', 'pass']).ok) return `${name} has no python3 it can run on ${path}`;
  if (!asUser(['unshare', '--user', '--map-root-user', '--pid', '--fork', 'true']).ok) {
    return 'this system does not let an unprivileged user make namespaces';
  }
  let conform = join(repoRoot, 'bin', 'conform.js');
  if (!asUser(['test', '-r', join(repoRoot, 'dist', 'harness', 'cli', 'run-cli.js')]).ok) {
    // The checkout lies where that user cannot read (a root's home): a copy it can.
    const copy = mkdtempSync(join(tmpdir(), 'conform-copy-'));
    for (const entry of ['bin', 'dist', 'package.json', 'node_modules']) {
      cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true, verbatimSymlinks: true });
    }
    spawnSync('chmod', ['-R', 'a+rX', copy]);
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    conform = join(copy, 'bin', 'conform.js');
  }
  return { name, uid, gid, conform, path };
}
