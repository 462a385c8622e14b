import { describe, expect, it } from 'vitest';
import type { Suite } from '../../harness/runner/suite.js';
import type { TableOptions } from './correct-servers.js';
import type { FixtureAt } from './fixture-copies.js';
import { killLeftovers } from './processes.js';
import { idsWith, learnedNotes, occurrences, runConform } from './run-conform.js';
import { compileC, compileJava, fixture, hasGcc, hasJavac, pythonExecutable } from './toolchains.js';

/** A buggy (or unfinished) fixture and what conform must say about it: suites of expectations, as data. */
export interface BuggyServer {
  /** The file under fixtures/<suite>/buggy/ (or the table's folder). */
  readonly file: string;
  readonly language: 'python' | 'node' | 'c' | 'java';
  /** Every test the bug fails, the one it is written for first. */
  readonly targets: readonly string[];
  /**
   * Tests the bug may also fail, depending on how fast the machine is, each explained like a target
   * when it fails; `because` says why.
   */
  readonly mayAlsoFail?: readonly string[];
  /** Why the bug fails exactly these tests: what the others never send, or what the random ones always do. */
  readonly because: string;
  /**
   * For every target, what its failure must say: words of its message, and the cause its hint was
   * chosen for (`FailureReport.cause`).
   */
  readonly explains: Readonly<Record<string, Explanation>>;
  /** Words of the first target's hint: the fix, in the server's language. */
  readonly hint: RegExp;
  /** More options for this server's run, such as a fixed seed where a random test finds the bug only most of the time. */
  readonly args?: readonly string[];
  /** The notes the run learns about this server, each in the report and printed once; none unless listed. */
  readonly notes?: readonly string[];
}

export interface BuggyTableOptions extends TableOptions {
  /** The folder under fixtures/<suite>/ that holds the servers: buggy unless given. */
  readonly folder?: string;
}

/** What one target's failure must say. */
export interface Explanation {
  readonly message: RegExp;
  /**
   * The one cause of the bug, as the run's diagnosis gives it for this failure: `rule:<test>` where
   * the step that failed is that test's rule (a rename in chat.who is chat.nick's), and null where the
   * test's own hint is the right one.
   */
  readonly cause: string | null;
}

/** Replies on loopback are instant; a short wait and a short shrink keep a whole table quick. */
const quick = ['--timeout', '500', '--shrink-time', '1000'];
/**
 * Every entry runs its random tests from the same seed unless it names one: what a random case
 * shows is then the same on every run, and a diagnosis that holds only for some seeds shows here.
 */
const tableSeed = ['--seed', '1'];

function command(suite: Suite, server: BuggyServer, at: FixtureAt, folder: string): string[] {
  const path = `${suite.name}/${folder}/${server.file}`;
  switch (server.language) {
    case 'python':
      return [pythonExecutable(), at(path), '{port}'];
    case 'node':
      return [process.execPath, at(path), '{port}'];
    case 'c':
      return [compileC(path), '{port}'];
    case 'java':
      return ['java', '-cp', compileJava(path), server.file.replace(/\.java$/, ''), '{port}'];
  }
}

/** Why a server cannot run here: its compiler is missing. */
function skipReason(server: BuggyServer): string | undefined {
  if (server.language === 'c' && !hasGcc) return 'gcc is not installed';
  if (server.language === 'java' && !hasJavac) return 'javac is not installed';
  return undefined;
}

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

/**
 * One vitest test per buggy server: conform fails exactly its targets, passes every other test,
 * explains each target by the cause the bug shows, phrases the first target's hint in the server's
 * language, exits 1, and leaves no process behind.
 */
export function describeBuggyServers(
  suite: Suite,
  servers: readonly BuggyServer[],
  extra: readonly string[] = [],
  options: BuggyTableOptions = {},
): void {
  const at = options.at ?? fixture;
  const folder = options.folder ?? 'buggy';
  // Each entry's own server file, not the fixtures folder: the correct servers' test file, or
  // another part of the same table, may be running at the same time. The full path: another
  // checkout's fixtures may be running on the same machine.
  const leftoversOf = (server: BuggyServer): string =>
    options.leftovers ?? fixture(`${suite.name}/${folder}/${server.file}`);
  const title = `${folder} ${suite.name} servers fail exactly the tests their bug breaks${options.titleSuffix ?? ''}`;
  describe(title, () => {
    for (const server of servers) {
      const skip = skipReason(server);
      const title = `${server.file}: ${server.targets.join(', ')}${skip ? ` (skipped: ${skip})` : ''}`;
      it.skipIf(skip !== undefined)(title, async () => {
        const serverCommand = command(suite, server, at, folder);
        const run = await runConform(
          [
            '--suite',
            suite.name,
            ...quick,
            ...(server.args?.includes('--seed') === true ? [] : tableSeed),
            ...extra,
            ...(server.args ?? []),
            '--',
            ...serverCommand,
          ],
          { ...(options.env !== undefined && { env: options.env }) },
        );
        const all = suite.tests.map((test) => test.id);
        const failed = idsWith(run.report, 'failed');
        const optional = server.mayAlsoFail ?? [];
        const expected = [...server.targets, ...optional.filter((id) => failed.includes(id))];
        // Soft: every check reports, and the check for leftover processes always runs.
        expect.soft(sorted(failed), `${server.because}\n${run.stdout}`).toEqual(sorted(expected));
        expect.soft(idsWith(run.report, 'error'), run.stdout).toEqual([]);
        expect
          .soft(sorted(idsWith(run.report, 'passed')), run.stdout)
          .toEqual(sorted(all.filter((id) => !expected.includes(id))));
        expect.soft(run.exitCode).toBe(1);
        expect
          .soft(sorted(Object.keys(server.explains)), 'every target is explained')
          .toEqual(sorted([...server.targets, ...optional]));
        for (const [id, explanation] of Object.entries(server.explains)) {
          if (!expected.includes(id)) continue;
          const failure = run.report?.tests.find((test) => test.id === id)?.failure;
          expect.soft(failure?.message, `${id}\n${run.stdout}`).toMatch(explanation.message);
          expect
            .soft(failure?.cause ?? null, `${id}: ${failure?.hint ?? 'no hint'}\n${run.stdout}`)
            .toBe(explanation.cause);
        }
        // Every failure with a cause is in the run's diagnosis of that cause, said once for all of them.
        const diagnoses = run.report?.diagnoses ?? [];
        for (const [id, explanation] of Object.entries(server.explains)) {
          // 'finding' is a checker's own reading, not one named problem: it is in no diagnosis.
          if (!expected.includes(id) || explanation.cause === null || explanation.cause === 'finding')
            continue;
          const diagnosis = diagnoses.find((entry) => entry.cause === explanation.cause);
          expect.soft(diagnosis?.tests, `${id} in the diagnosis ${explanation.cause}`).toContain(id);
        }
        const first = run.report?.tests.find((test) => test.id === server.targets[0]);
        expect.soft(first?.failure?.hint, run.stdout).toMatch(server.hint);
        expect.soft(learnedNotes(run), run.stdout).toEqual(server.notes ?? []);
        for (const note of server.notes ?? []) {
          expect.soft(occurrences(run.stdout, note), run.stdout).toBe(1);
          // Near the top: before the first test's result is shown.
          const firstTitle = suite.tests[0]?.title ?? '';
          expect.soft(run.stdout.indexOf(note), run.stdout).toBeLessThan(run.stdout.indexOf(firstTitle));
        }
        // Killed as they are found: a leak fails this entry, not every later one too.
        expect(killLeftovers(leftoversOf(server))).toEqual([]);
        // A compiled server runs from a temporary folder.
        if (server.language === 'c') expect(killLeftovers(serverCommand[0] as string)).toEqual([]);
        if (server.language === 'java') expect(killLeftovers(serverCommand[2] as string)).toEqual([]);
      });
    }
  });
}
