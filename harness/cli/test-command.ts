import type { Reporter } from '../../reports/reporter.js';
import { JsonReporter, writeJsonReport } from '../../reports/json/json-reporter.js';
import { palette } from '../../reports/terminal/palette.js';
import { TerminalReporter } from '../../reports/terminal/terminal-reporter.js';
import { ConfigError } from '../config/config-error.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve-config.js';
import { ExitCode, exitCodeFor } from '../results/exit-code.js';
import { runSuite, type RunPlan } from '../runner/run-suite.js';
import { listTests } from './list-tests.js';
import type { CliIo } from './main.js';
import type { ParsedCommandLine } from './program.js';
import { unrunnableReport } from './unrunnable-report.js';
import { conformVersion } from './version.js';

/** Exit code when a run was stopped by Ctrl-C or SIGTERM. */
export const interruptedExitCode = 130;

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
    if (error instanceof ConfigError && json !== undefined && parsed.options.list !== true) {
      const target = parsed.target ?? `-- ${parsed.command.join(' ')}`;
      await writeJsonReport(json, unrunnableReport(parsed.options, target, error.message));
    }
    throw error;
  }
  if (config.list) {
    io.stdout.write(listTests(config.suite));
    return ExitCode.passed;
  }
  const report = await runSuite(plan(config), reporters(config, io), io.signal);
  if (io.signal.aborted) return interruptedExitCode;
  return exitCodeFor(report);
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

function reporters(config: ResolvedConfig, io: CliIo): Reporter[] {
  const list: Reporter[] = [
    new TerminalReporter({
      write: (text) => io.stdout.write(text),
      colors: palette(config.color),
      verbosity: config.verbosity,
    }),
  ];
  if (config.jsonFile !== undefined) list.push(new JsonReporter(config.jsonFile));
  return list;
}
