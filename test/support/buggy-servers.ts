import { describe, expect, it } from 'vitest';
import type { Suite } from '../../harness/runner/suite.js';
import type { TableOptions } from './correct-servers.js';
import type { FixtureAt } from './fixture-copies.js';
import { processesMentioning } from './processes.js';
import { idsWith, runConform } from './run-conform.js';
import { compileC, compileJava, fixture, hasGcc, hasJavac, pythonExecutable } from './toolchains.js';

/** A buggy fixture and what conform must say about it: suites of expectations, as data. */
export interface BuggyServer {
  /** The file under fixtures/<suite>/buggy/. */
  readonly file: string;
  readonly language: 'python' | 'node' | 'c' | 'java';
  /** Every test the bug fails, the one it is written for first. */
  readonly targets: readonly string[];
  /** Why the bug fails exactly these tests: what the others never send, or what the random ones always do. */
  readonly because: string;
  /** What the first target's failure message (or hint) says: the explanation names the bug. */
  readonly reason: RegExp;
  /** More options for this server's run, such as a fixed seed where a random test finds the bug only most of the time. */
  readonly args?: readonly string[];
}

/** Replies on loopback are instant; a short wait and a short shrink keep a whole table quick. */
const quick = ['--timeout', '500', '--shrink-time', '1000'];

function command(suite: Suite, server: BuggyServer, at: FixtureAt): string[] {
  const path = `${suite.name}/buggy/${server.file}`;
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
 * explains the first target in the bug's terms, exits 1, and leaves no process behind.
 */
export function describeBuggyServers(
  suite: Suite,
  servers: readonly BuggyServer[],
  extra: readonly string[] = [],
  options: TableOptions = {},
): void {
  const at = options.at ?? fixture;
  // Not the whole fixtures folder: the correct servers' test file may be running at the same time.
  // The full path: another checkout's fixtures may be running on the same machine.
  const leftovers = options.leftovers ?? fixture(`${suite.name}/buggy`);
  const title = `buggy ${suite.name} servers fail exactly the tests their bug breaks${options.titleSuffix ?? ''}`;
  describe(title, () => {
    for (const server of servers) {
      const skip = skipReason(server);
      const title = `${server.file}: ${server.targets.join(', ')}${skip ? ` (skipped: ${skip})` : ''}`;
      it.skipIf(skip !== undefined)(title, async () => {
        const serverCommand = command(suite, server, at);
        const run = await runConform(
          ['--suite', suite.name, ...quick, ...extra, ...(server.args ?? []), '--', ...serverCommand],
          { ...(options.env !== undefined && { env: options.env }) },
        );
        const all = suite.tests.map((test) => test.id);
        expect(sorted(idsWith(run.report, 'failed')), `${server.because}\n${run.stdout}`).toEqual(
          sorted(server.targets),
        );
        expect(idsWith(run.report, 'error'), run.stdout).toEqual([]);
        expect(sorted(idsWith(run.report, 'passed')), run.stdout).toEqual(
          sorted(all.filter((id) => !server.targets.includes(id))),
        );
        expect(run.exitCode).toBe(1);
        const first = run.report?.tests.find((test) => test.id === server.targets[0]);
        expect([first?.failure?.message, first?.failure?.hint].join('\n'), run.stdout).toMatch(server.reason);
        expect(processesMentioning(leftovers)).toEqual([]);
        // A compiled server runs from a temporary folder.
        if (server.language === 'c') expect(processesMentioning(serverCommand[0] as string)).toEqual([]);
        if (server.language === 'java') expect(processesMentioning(serverCommand[2] as string)).toEqual([]);
      });
    }
  });
}
