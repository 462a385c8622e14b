import { describe, expect, it } from 'vitest';
import type { Suite } from '../../harness/runner/suite.js';
import type { FixtureAt } from './fixture-copies.js';
import { killLeftovers } from './processes.js';
import { idsWith, learnedNotes, runConform } from './run-conform.js';
import { fixture } from './toolchains.js';

/** A correct fixture server, as a table entry: every test of its suite must pass. */
export interface CorrectServer {
  readonly name: string;
  readonly skip?: string;
  /** The command, with `at` giving the file a fixture path is run from. */
  readonly command: (at: FixtureAt) => string[];
}

export interface TableOptions {
  /** Where fixtures are run from: the repository's fixtures folder unless copies are wanted. */
  readonly at?: FixtureAt;
  /** What the command lines of servers left running would mention. */
  readonly leftovers?: string;
  /** Environment for conform, such as CONFORM_PLATFORM. */
  readonly env?: Record<string, string>;
  /** Said after the table's title: what is different about this run of it. */
  readonly titleSuffix?: string;
}

/** The entries of a table whose names (or files) are listed, in the order listed; a missing one is an error. */
export function pick<T extends { readonly name?: string; readonly file?: string }>(
  table: readonly T[],
  keys: readonly string[],
): T[] {
  return keys.map((key) => {
    const entry = table.find((candidate) => candidate.name === key || candidate.file === key);
    if (entry === undefined) throw new Error(`no fixture ${key} in the table`);
    return entry;
  });
}

/** One vitest test per correct server: every test passes, conform exits 0, and no process is left. */
export function describeCorrectServers(
  suite: Suite,
  servers: readonly CorrectServer[],
  options: TableOptions = {},
): void {
  const at = options.at ?? fixture;
  // The full path: another checkout's fixtures may be running on the same machine.
  const leftovers = options.leftovers ?? fixture(`${suite.name}/correct`);
  describe(`correct ${suite.name} servers pass every ${suite.name} test${options.titleSuffix ?? ''}`, () => {
    for (const server of servers) {
      it.skipIf(server.skip !== undefined)(
        `${server.name}${server.skip ? ` (skipped: ${server.skip})` : ''}`,
        async () => {
          const run = await runConform(['--suite', suite.name, '--', ...server.command(at)], {
            ...(options.env !== undefined && { env: options.env }),
          });
          // Soft: every check reports, and the check for leftover processes always runs.
          expect.soft(idsWith(run.report, 'failed'), run.stdout).toEqual([]);
          expect.soft(idsWith(run.report, 'error'), run.stdout).toEqual([]);
          expect.soft(idsWith(run.report, 'passed')).toEqual(suite.tests.map((test) => test.id));
          expect.soft(run.exitCode).toBe(0);
          // A correct server changes nothing in how it is checked: no note beyond the platform's.
          expect.soft(learnedNotes(run), run.stdout).toEqual([]);
          expect(killLeftovers(leftovers)).toEqual([]);
        },
      );
    }
  });
}
