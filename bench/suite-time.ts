import { availableParallelism } from 'node:os';
import { runSuite, type RunPlan } from '../harness/runner/run-suite.js';
import { defaults } from '../harness/config/defaults.js';
import type { RunReport } from '../harness/results/run-report.js';
import { suites } from '../suites/index.js';
import { repoRoot } from './paths.js';
import { resolveSandbox } from '../harness/config/resolve-sandbox.js';
import { Sandbox } from '../harness/supervisor/sandbox/sandbox.js';
import { procPlatform } from '../harness/platform/proc/proc-platform.js';

/** The limits and namespaces a user's run has by default (isolated where the system allows). */
const sandbox = Sandbox.prepare(resolveSandbox({}, { env: process.env, cwd: repoRoot }));

/** What `conform` runs at once when --jobs is not given. */
export const defaultJobs = availableParallelism();

export interface SuiteTiming {
  readonly report: RunReport;
  readonly wallMs: number;
}

/** One run of a suite with default settings (or the jobs given), in this process, against a server command. */
export async function timeSuite(
  suiteName: string,
  command: readonly string[],
  options: { only?: readonly string[]; seed?: number; jobs?: number } = {},
): Promise<SuiteTiming> {
  const suite = suites.get(suiteName);
  if (suite === undefined) throw new Error(`no suite ${suiteName}`);
  const [file, ...args] = command as [string, ...string[]];
  const plan: RunPlan = {
    suite,
    selection: { only: options.only ?? [], skip: [] },
    settings: {
      seed: options.seed ?? 1,
      runs: undefined,
      replyTimeoutMs: defaults.replyTimeoutMs,
      maxBufferedBytes: defaults.maxBufferedBytes,
      shrinkTimeMs: defaults.shrinkTimeMs,
      replay: undefined,
    },
    launch: {
      command: {
        file,
        args,
        env: { ...(process.env as Record<string, string>), PYTHONUNBUFFERED: '1' },
        cwd: repoRoot,
      },
      startupTimeoutMs: defaults.startupTimeoutMs,
      platform: procPlatform,
      sandbox,
      isolated: sandbox.isolated,
    },
    jobs: options.jobs ?? defaultJobs,
    targetDisplay: command.join(' '),
    replayCommand: () => '',
    conformVersion: 'bench',
  };
  const started = performance.now();
  const report = await runSuite(plan, [], new AbortController().signal);
  return { report, wallMs: performance.now() - started };
}
