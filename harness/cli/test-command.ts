import { resolve } from 'node:path';
import { JsonReporter, writeJsonReport } from '../../reports/json/json-reporter.js';
import type { Reporter } from '../../reports/reporter.js';
import { ReportFileError } from '../../reports/report-file-error.js';
import { palette } from '../../reports/terminal/palette.js';
import { TerminalReporter } from '../../reports/terminal/terminal-reporter.js';
import { ConfigError } from '../config/config-error.js';
import { jsonFileProblem } from '../config/json-file-problem.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve-config.js';
import { ExitCode, exitCodeFor } from '../results/exit-code.js';
import type { RunReport } from '../results/run-report.js';
import { runSuite, type RunPlan } from '../runner/run-suite.js';
import { listTests } from './list-tests.js';
import type { CliIo } from './main.js';
import type { ParsedCommandLine } from './program.js';
import { unrunnableReport } from './unrunnable-report.js';
import { conformVersion } from './version.js';

/** `conform [target] [options] [-- command]`: resolve the options, run the suite, report. */
export async function testCommand(parsed: ParsedCommandLine, io: CliIo): Promise<number> {
  let config: ResolvedConfig;
  try {
    config = resolveConfig(parsed.options, parsed, {
      env: io.env,
      cwd: io.cwd,
      stdoutIsTTY: io.stdout.isTTY === true,
      typescriptLoader: import.meta.resolve('tsx'),
    });
  } catch (error) {
    const json = parsed.options.json;
    // No report to a --json file that cannot be written: that is the error, or will be the next one.
    if (
      error instanceof ConfigError &&
      json !== undefined &&
      parsed.options.list !== true &&
      jsonFileProblem(json, io.cwd) === undefined
    ) {
      const target = parsed.target ?? `-- ${parsed.command.join(' ')}`;
      await writeJson(json, unrunnableReport(parsed.options, target, error.message), io);
    }
    throw error;
  }
  if (config.list) {
    io.stdout.write(listTests(config.suite));
    return ExitCode.passed;
  }
  let report: RunReport;
  try {
    report = await runSuite(plan(config), reporters(config, io), io.signal);
  } catch (error) {
    // The terminal has shown the results; only the file is missing.
    if (!(error instanceof ReportFileError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.couldNotTest;
  }
  if (io.signal.aborted) return ExitCode.interrupted;
  return exitCodeFor(report);
}

/** Writes the report of a run that could not begin; a failed write is said in one line. */
async function writeJson(file: string, report: RunReport, io: CliIo): Promise<void> {
  try {
    await writeJsonReport(resolve(io.cwd, file), report);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
  }
}

function plan(config: ResolvedConfig): RunPlan {
  const server = config.server as NonNullable<ResolvedConfig['server']>;
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
    },
    launch: {
      command: server.command,
      startupTimeoutMs: config.startupTimeoutMs,
      ...(config.port !== undefined && { port: config.port }),
    },
    targetDisplay: server.display,
    replayCommand: config.replayCommand,
    conformVersion: conformVersion(),
  };
}

/** The terminal first: its summary is shown before any file is written. */
function reporters(config: ResolvedConfig, io: CliIo): Reporter[] {
  const list: Reporter[] = [
    new TerminalReporter({
      write: (text) => io.stdout.write(text),
      colors: palette(config.color),
      verbosity: config.verbosity,
    }),
  ];
  if (config.jsonFile !== undefined) list.push(new JsonReporter(resolve(io.cwd, config.jsonFile)));
  return list;
}
