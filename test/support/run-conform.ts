import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../harness/cli/main.js';
import type { RunReport } from '../../harness/results/run-report.js';

export interface ConformRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON report, read back from the file conform wrote. */
  readonly report: RunReport | undefined;
}

export const repoRoot = join(import.meta.dirname, '..', '..');

/** Runs the conform command in this process, as `conform <args>`, with a JSON report in a temporary folder. */
export async function runConform(
  args: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    json?: boolean;
    signal?: AbortSignal;
    cwd?: string;
  } = {},
): Promise<ConformRun> {
  const folder = await mkdtemp(join(tmpdir(), 'conform-test-'));
  const jsonFile = join(folder, 'report.json');
  let stdout = '';
  let stderr = '';
  const dashes = args.indexOf('--');
  const own = dashes === -1 ? [...args] : args.slice(0, dashes);
  const command = dashes === -1 ? [] : args.slice(dashes);
  try {
    const exitCode = await main({
      argv: options.json === false ? [...own, ...command] : [...own, '--json', jsonFile, ...command],
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      cwd: options.cwd ?? repoRoot,
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text) },
      signal: options.signal ?? new AbortController().signal,
    });
    const report = await readFile(jsonFile, 'utf8').then(
      (text) => JSON.parse(text) as RunReport,
      () => undefined,
    );
    return { exitCode, stdout, stderr, report };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The ids of the tests that ended with the given status. */
export function idsWith(
  report: RunReport | undefined,
  status: 'passed' | 'failed' | 'error' | 'skipped',
): string[] {
  return (report?.tests ?? []).filter((test) => test.status === status).map((test) => test.id);
}

export interface PlainRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `conform <args>` in this process from `cwd`, with no report added: for commands other than a test run. */
export async function runIn(cwd: string, args: readonly string[]): Promise<PlainRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main({
    argv: args,
    env: { ...process.env, NO_COLOR: '1' },
    cwd,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    signal: new AbortController().signal,
  });
  return { exitCode, stdout, stderr };
}

/**
 * The run's notes learned while it ran: those in the report that the header printed at the start
 * (the platform's) does not already show.
 */
export function learnedNotes(run: ConformRun): string[] {
  const header = run.stdout.split('\n\n')[0] ?? '';
  return (run.report?.notes ?? []).filter((note) => !header.includes(`note: ${note}`));
}

/** How many times `text` appears in `output`. */
export function occurrences(output: string, text: string): number {
  return output.split(text).length - 1;
}
