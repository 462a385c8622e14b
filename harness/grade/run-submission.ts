import { randomUUID } from 'node:crypto';
import { execa } from 'execa';
import type { RunReport } from '../results/run-report.js';
import { OutputTail } from '../supervisor/output-tail.js';
import type { Platform } from '../platform/platform.js';

/** Set in a graded submission's conform and inherited by everything it starts: how leftovers are found. */
const gradeTagVariable = 'CONFORM_GRADE_TAG';
/** How long a submission stopped at its budget has to write its report before it is killed. */
const stopGraceMs = 10_000;
/** A report larger than this is not one conform wrote for a suite of tens of tests. */
const maxReportBytes = 64 * 1024 * 1024;

export interface SubmissionRunRequest {
  /** The command that runs conform (node and its launcher). */
  readonly conform: readonly string[];
  readonly workDir: string;
  readonly configFile: string;
  readonly seed: number;
  readonly givenPortOnly: boolean;
  /** Tests run at once within the submission. */
  readonly jobs: number;
  readonly budgetMs: number;
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** How processes carrying the submission's tag are found. */
  readonly platform: Platform;
  /** Servers get a network each: the run must isolate them, or fail rather than share ports. */
  readonly isolated?: boolean;
  /** The --isolate the run is given when not `isolated` (the grader's, over the config file's). */
  readonly isolate?: 'auto' | 'off';
  /** Folders its servers must not see: the class, the grades, the course's folder. */
  readonly hidden?: readonly string[];
}

export interface SubmissionRunOutcome {
  /** The JSON report conform gave on its stdout, if it gave one. */
  readonly report: RunReport | undefined;
  readonly budgetExceeded: boolean;
  readonly interrupted: boolean;
  readonly exitCode: number | undefined;
  /** The last 256 KiB of what conform printed for this submission. */
  readonly output: string;
  readonly durationMs: number;
}

/**
 * Grades one submission with the same single-run path as `conform` itself, in a process of its own:
 * its servers, ports, memory and crashes stay its own. Its JSON report comes on its stdout, never
 * through a file a server could reach, and its terminal report on its stderr. At the budget it is
 * stopped as Ctrl-C stops a run (reports written), then killed; whatever it left running is found
 * by a tag in the environment every process it started inherits, and killed.
 */
export async function runSubmission(request: SubmissionRunRequest): Promise<SubmissionRunOutcome> {
  const started = performance.now();
  const tag = randomUUID();
  const [program, ...args] = request.conform as [string, ...string[]];
  const child = execa(
    program,
    [
      ...args,
      '--config',
      request.configFile,
      '--seed',
      String(request.seed),
      '--reporter',
      'json',
      '--no-color',
      '--jobs',
      String(request.jobs),
      ...(request.givenPortOnly ? ['--given-port-only'] : []),
      '--isolate',
      request.isolated === true ? 'on' : (request.isolate ?? 'auto'),
      ...(request.hidden ?? []).flatMap((folder) => ['--hide', folder]),
    ],
    {
      cwd: request.workDir,
      env: { ...request.env, [gradeTagVariable]: tag },
      extendEnv: false,
      stdin: 'ignore',
      buffer: false,
      reject: false,
      forceKillAfterDelay: stopGraceMs,
    },
  );
  const output = new OutputTail(256 * 1024);
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  const report: Buffer[] = [];
  let reportBytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    reportBytes += chunk.length;
    if (reportBytes <= maxReportBytes) report.push(chunk);
  });
  let budgetExceeded = false;
  const budget = setTimeout(() => {
    budgetExceeded = true;
    child.kill('SIGTERM');
  }, request.budgetMs);
  const onAbort = (): void => void child.kill('SIGTERM');
  request.signal.addEventListener('abort', onAbort, { once: true });
  if (request.signal.aborted) onAbort();
  const result = await child;
  clearTimeout(budget);
  request.signal.removeEventListener('abort', onAbort);
  await killLeftovers(request.platform, `${gradeTagVariable}=${tag}`);
  return {
    report: parseReport(reportBytes <= maxReportBytes ? Buffer.concat(report).toString('utf8') : ''),
    budgetExceeded,
    interrupted: request.signal.aborted,
    exitCode: result.exitCode,
    output: output.text(),
    durationMs: Math.round(performance.now() - started),
  };
}

function parseReport(text: string): RunReport | undefined {
  try {
    return JSON.parse(text) as RunReport;
  } catch {
    return undefined;
  }
}

/** Kills every process carrying the tag, until none is left (bounded: a process cannot outlive SIGKILL). */
async function killLeftovers(platform: Platform, entry: string): Promise<void> {
  const deadline = performance.now() + 5000;
  for (
    let pids = await platform.processesWithEnvironment(entry);
    pids.length > 0;
    pids = await platform.processesWithEnvironment(entry)
  ) {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    if (performance.now() > deadline) throw new Error(`processes survived SIGKILL: ${pids.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
