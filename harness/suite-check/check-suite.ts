import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { loadSuite } from '../api/load-suite.js';
import type { RunReport } from '../results/run-report.js';
import type { Suite } from '../runner/suite.js';
import { exampleServers, type ExampleServer } from './example-servers.js';
import { ruleProblems } from './rule-problems.js';

/** One example server run at one seed, and whether the suite judged it as it must. */
export interface ServerVerdict {
  readonly server: ExampleServer;
  readonly seed: number;
  readonly failed: readonly string[];
  /** Tests that ended in an error (a server that did not start, the suite's own bug), with why. */
  readonly errors: readonly string[];
  readonly ok: boolean;
}

export interface SuiteCheck {
  readonly suite: Suite;
  /** What is wrong with the suite's folder and protocol document, before any server ran. */
  readonly problems: readonly string[];
  readonly verdicts: readonly ServerVerdict[];
}

export interface SuiteCheckRequest {
  readonly folder: string;
  readonly suiteFile: string;
  readonly shownAs: string;
  readonly seeds: readonly number[];
  /** Runs per property test, where not each test's own. */
  readonly runs?: number;
  /** The command that runs conform (node and its launcher). */
  readonly conform: readonly string[];
  readonly signal: AbortSignal;
  /** Told of each verdict as it comes. */
  readonly onVerdict?: (verdict: ServerVerdict) => void;
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  [...a].sort().join(' ') === [...b].sort().join(' ');

/** The rules of the suite's protocol document, and the tests its buggy servers name. */
async function folderProblems(
  suite: Suite,
  servers: readonly ExampleServer[],
  folder: string,
): Promise<string[]> {
  const ids = suite.tests.map((test) => test.id);
  const problems: string[] = [];
  const doc = relative(folder, suite.protocolDoc);
  const markdown = await readFile(suite.protocolDoc, 'utf8').catch(() => undefined);
  if (markdown === undefined) problems.push(`the protocol document ${doc} does not exist`);
  else problems.push(...ruleProblems(markdown, ids).map((problem) => `${doc}: ${problem}`));
  if (!servers.some((server) => server.fails.length === 0 && server.file.startsWith('correct/'))) {
    problems.push('no correct server in correct/: put one there that passes every test');
  }
  for (const server of servers.filter((candidate) => candidate.file.startsWith('buggy/'))) {
    if (server.fails.length === 0) {
      problems.push(
        `${server.file} names no test it must fail: end its first line with (fails: <test id>, ...)`,
      );
    }
    for (const id of server.fails.filter((named) => !ids.includes(named))) {
      problems.push(`${server.file} names \`${id}\`, which the suite does not have`);
    }
  }
  return problems;
}

/** Runs `server` under the suite at `seed` with the conform given, as `conform <file>` would. */
async function judge(
  request: SuiteCheckRequest,
  server: ExampleServer,
  seed: number,
): Promise<ServerVerdict> {
  const [program, ...args] = request.conform as [string, ...string[]];
  const run = await execa(
    program,
    [
      ...args,
      '--suite',
      request.suiteFile,
      '--seed',
      String(seed),
      ...(request.runs === undefined ? [] : ['--runs', String(request.runs)]),
      '--reporter',
      'json',
      '--no-color',
      '-q',
      server.file,
    ],
    { cwd: request.folder, reject: false, stdin: 'ignore', cancelSignal: request.signal, timeout: 600_000 },
  );
  let report: RunReport | undefined;
  try {
    report = JSON.parse(run.stdout) as RunReport;
  } catch {
    report = undefined;
  }
  if (report === undefined) {
    const why = run.stderr.trim().split('\n').at(-1) ?? `exit code ${String(run.exitCode)}`;
    return { server, seed, failed: [], errors: [`conform gave no report: ${why}`], ok: false };
  }
  const failed = report.tests.filter((test) => test.status === 'failed').map((test) => test.id);
  const errors = report.tests
    .filter((test) => test.status === 'error')
    .map((test) => `${test.id}: ${test.failure?.message ?? 'an error'}`);
  return { server, seed, failed, errors, ok: errors.length === 0 && sameIds(failed, server.fails) };
}

/**
 * Whether a suite catches the bugs its folder's example servers have: each correct one passes every
 * test and each buggy one fails exactly the tests it names, at every seed; and whether its protocol
 * document's rules and its tests name each other.
 */
export async function checkSuite(request: SuiteCheckRequest): Promise<SuiteCheck> {
  const suite = await loadSuite(request.suiteFile, request.shownAs);
  const servers = await exampleServers(request.folder);
  const problems = await folderProblems(suite, servers, request.folder);
  const verdicts: ServerVerdict[] = [];
  for (const server of servers) {
    for (const seed of request.seeds) {
      if (request.signal.aborted) break;
      const verdict = await judge(request, server, seed);
      verdicts.push(verdict);
      request.onVerdict?.(verdict);
    }
  }
  return { suite, problems, verdicts };
}
