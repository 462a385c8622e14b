import { IsolationUnavailable, Sandbox } from '../supervisor/sandbox/sandbox.js';
import type { Reporter } from '../../reports/reporter.js';
import { ReportFileError } from '../../reports/report-file-error.js';
import { palette } from '../../reports/terminal/palette.js';
import { TerminalReporter } from '../../reports/terminal/terminal-reporter.js';
import { ConfigError } from '../config/config-error.js';
import type { LoadedCourseConfig } from '../config/course-config.js';
import { loadSuiteOption } from '../config/load-suite-option.js';
import { loadCourseConfig } from '../config/load-course-config.js';
import {
  resolveConfig,
  type Environment,
  type ResolvedConfig,
  type ServerSpec,
} from '../config/resolve-config.js';
import { resolveReporters } from '../config/resolve-reporters.js';
import { ExitCode, exitCodeFor } from '../results/exit-code.js';
import type { RunReport } from '../results/run-report.js';
import { plainFailure } from '../runner/failure-report.js';
import { runSuite, type RunPlan } from '../runner/run-suite.js';
import { runBuild } from '../supervisor/run-build.js';
import { listTests } from './list-tests.js';
import { packageRoot } from './package-root.js';
import type { CliIo } from './main.js';
import type { ParsedCommandLine } from './program.js';
import { replayReport } from './replay-report.js';
import { statusLineWanted } from './status-line-wanted.js';
import { ReportWriter, writeReports } from './report-writer.js';
import { notRunReport } from '../runner/not-run-report.js';
import { unrunnableReport } from './unrunnable-report.js';
import { conformVersion } from './version.js';

/** `conform [target] [options] [-- command]`: resolve the options, build, run the suite, report. */
export async function testCommand(parsed: ParsedCommandLine, io: CliIo): Promise<number> {
  const environment: Environment = {
    env: io.env,
    cwd: io.cwd,
    stdoutIsTTY: io.stdout.isTTY === true,
    stderrIsTTY: io.stderr.isTTY === true,
    typescriptLoader: import.meta.resolve('tsx'),
  };
  let course: LoadedCourseConfig | undefined;
  let config: ResolvedConfig;
  try {
    course = loadCourseConfig(parsed.options.config, io.cwd);
    const loadedSuite = await loadSuiteOption(parsed.options.suite, course, io.cwd);
    config = resolveConfig(parsed.options, parsed, environment, course, loadedSuite);
  } catch (error) {
    if (error instanceof ConfigError && parsed.options.list !== true) {
      const target = parsed.target ?? `-- ${parsed.command.join(' ')}`;
      await writeUnrunnable(parsed, course, unrunnableReport(parsed.options, target, error.message), io);
    }
    throw error;
  }
  if (config.list) {
    const root = packageRoot();
    if (root === undefined) throw new Error('conform cannot find its own package folder');
    io.stdout.write(listTests(config.suite, root.folder));
    return ExitCode.passed;
  }
  const started = performance.now();
  let sandbox: Sandbox;
  try {
    sandbox = Sandbox.prepare(config.sandbox, config.platform.inNetworkOf !== undefined);
  } catch (error) {
    if (!(error instanceof IsolationUnavailable)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.couldNotTest;
  }
  let server = config.server;
  if (config.build !== undefined) {
    const build = await runBuild({
      ...config.build,
      cwd: io.cwd,
      env: config.serverEnv,
      signal: io.signal,
      platform: config.platform,
      sandbox,
    });
    if (!build.ok) {
      const failure = plainFailure(io.signal.aborted ? 'interrupted' : 'build', `not run: ${build.problem}`, {
        serverOutputTail: { stdout: build.stdout, stderr: build.stderr },
        hint: 'Build the submission by hand with the same command, in its folder, and fix what the compiler reports.',
      });
      const target = config.serverAfterBuild === undefined ? '' : safeDisplay(config.serverAfterBuild);
      const report = notRunReport({
        suite: config.suite,
        suiteName: config.suite.name,
        seed: config.seed,
        target,
        failure,
        durationMs: Math.round(performance.now() - started),
        selection: config.selection,
      });
      return finish(await replayed(report, config, io), io);
    }
    try {
      server = config.serverAfterBuild?.();
    } catch (error) {
      if (error instanceof ConfigError) {
        const report = notRunReport({
          suite: config.suite,
          suiteName: config.suite.name,
          seed: config.seed,
          target: '',
          failure: plainFailure('startup', `not run: after the build, ${error.message}`),
          selection: config.selection,
        });
        await replayed(report, config, io);
      }
      throw error;
    }
  }
  try {
    const report = await runSuite(
      plan(config, server as ServerSpec, sandbox),
      reporters(config, io),
      io.signal,
    );
    return finish(report, io);
  } catch (error) {
    // The terminal has shown the results; only the file is missing.
    if (!(error instanceof ReportFileError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.couldNotTest;
  }
}

function finish(report: RunReport | ReportFileError, io: CliIo): number {
  if (report instanceof ReportFileError) {
    io.stderr.write(`conform: ${report.message}\n`);
    return ExitCode.couldNotTest;
  }
  if (io.signal.aborted) return ExitCode.interrupted;
  return exitCodeFor(report);
}

/** A report made without running (a failed build) goes through the same reporters as a run. */
async function replayed(
  report: RunReport,
  config: ResolvedConfig,
  io: CliIo,
): Promise<RunReport | ReportFileError> {
  try {
    await replayReport(report, config.suite.title, reporters(config, io), config.selection);
    return report;
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    return error;
  }
}

/** The reports of a run that could not begin: those of the command line that can be resolved, if any. */
async function writeUnrunnable(
  parsed: ParsedCommandLine,
  course: LoadedCourseConfig | undefined,
  report: RunReport,
  io: CliIo,
): Promise<void> {
  let targets;
  try {
    targets = resolveReporters(
      parsed.options.reporter ?? course?.config.reporters ?? [],
      parsed.options.json,
      {
        cwd: io.cwd,
        check: true,
      },
    );
  } catch {
    // No report to a file that cannot be written: that is the error, or will be the next one.
    return;
  }
  try {
    await writeReports(report, targets, { visibility: () => 'visible' }, destinations(io, undefined));
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
  }
}

function destinations(io: CliIo, stepSummaryFile: string | undefined) {
  return { cwd: io.cwd, stdout: io.stdout, stepSummaryFile };
}

function safeDisplay(server: () => ServerSpec): string {
  try {
    return server().display;
  } catch {
    return '';
  }
}

function plan(config: ResolvedConfig, server: ServerSpec, sandbox: Sandbox): RunPlan {
  return {
    suite: config.suite,
    selection: config.selection,
    settings: {
      seed: config.seed,
      runs: config.runs,
      replyTimeoutMs: config.replyTimeoutMs,
      maxBufferedBytes: config.maxBufferedBytes,
      shrinkTimeMs: config.shrinkTimeMs,
      replay: config.replay,
      serverLanguage: server.language,
    },
    launch: {
      command: server.command,
      startupTimeoutMs: config.startupTimeoutMs,
      platform: config.platform,
      ...(config.port !== undefined && { port: config.port }),
      givenPortOnly: config.givenPortOnly,
      sandbox,
      isolated: sandbox.isolated,
    },
    ...(config.timeLimits !== undefined && { timeLimits: config.timeLimits }),
    ...(config.oracle !== undefined && {
      oracle: {
        launch: {
          command: config.oracle.command,
          startupTimeoutMs: config.startupTimeoutMs,
          platform: config.platform,
        },
        display: config.oracle.display,
      },
    }),
    jobs: config.jobs,
    targetDisplay: server.display,
    replayCommand: config.replayCommand,
    conformVersion: conformVersion(),
  };
}

/** The terminal first: its summary is shown before any file is written. */
function reporters(config: ResolvedConfig, io: CliIo): Reporter[] {
  const terminal = config.terminalStream === 'stdout' ? io.stdout : io.stderr;
  return [
    new TerminalReporter({
      write: (text) => terminal.write(text),
      colors: palette(config.color),
      verbosity: config.verbosity,
      ...(statusLineWanted(config, io.stdout, io.env) && {
        statusLine: { columns: () => io.stdout.columns },
      }),
    }),
    new ReportWriter(config.reports, config.formatContext, destinations(io, config.stepSummaryFile)),
  ];
}
