import { loadCourseConfig } from '../config/load-course-config.js';
import { loadSuiteOption } from '../config/load-suite-option.js';
import { join } from 'node:path';
import {
  resolveGradeConfig,
  type RawGradeOptions,
  type ResolvedGradeConfig,
} from '../config/resolve-grade-config.js';
import { gradeClass } from '../grade/grade-class.js';
import { ExitCode } from '../results/exit-code.js';
import { IsolationUnavailable } from '../supervisor/sandbox/sandbox.js';
import { writeClassOutputs } from './class-outputs.js';
import { gradeProgress } from './grade-progress.js';
import type { CliIo } from './main.js';
import { packageRoot } from './package-root.js';
import { conformVersion } from './version.js';

/** What grading without isolation on purpose gives up, said once before it begins. */
const unisolatedWarning =
  "isolation is off: servers are not isolated and their files are not confined, so a submission can read and change the other submissions' files and the grades";

export interface ParsedGrade {
  readonly kind: 'grade';
  readonly classDir: string;
  readonly options: RawGradeOptions;
}

/**
 * `conform grade <dir>`: every submission through the single-run path, in parallel; then the class's
 * files. Exits 0 when every submission was graded (failing students are not a failure of the tool),
 * 3 when some could not be, 130 when stopped.
 */
export async function gradeCommand(parsed: ParsedGrade, io: CliIo): Promise<number> {
  const version = conformVersion();
  let config: ResolvedGradeConfig;
  try {
    const course = loadCourseConfig(parsed.options.config, io.cwd);
    const loadedSuite = await loadSuiteOption(undefined, course, io.cwd);
    config = resolveGradeConfig(
      parsed.classDir,
      parsed.options,
      { cwd: io.cwd, version, env: io.env, stdoutIsTTY: io.stdout.isTTY === true },
      loadedSuite,
    );
  } catch (error) {
    if (!(error instanceof IsolationUnavailable)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.couldNotTest;
  }
  if (config.isolate === 'off') io.stderr.write(`conform: ${unisolatedWarning}\n`);
  const root = packageRoot();
  if (root === undefined) throw new Error('conform cannot find its own package folder');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(io.env)) if (value !== undefined) env[key] = value;
  const progress = gradeProgress(io.stderr, config.quiet);
  let report;
  try {
    report = await gradeClass(
      config,
      {
        conform: [process.execPath, join(root.folder, 'bin', 'conform.js')],
        env,
        signal: io.signal,
        conformVersion: version,
      },
      progress,
    );
  } finally {
    progress.stop();
  }
  await writeClassOutputs(
    report,
    config.outDir,
    { write: (text) => io.stdout.write(text), color: config.color },
    config.formats,
  );
  if (io.signal.aborted) return ExitCode.interrupted;
  return report.summary.notGraded > 0 ? ExitCode.couldNotTest : ExitCode.passed;
}
