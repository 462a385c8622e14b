import { ConfigError } from '../config/config-error.js';
import { ExitCode } from '../results/exit-code.js';
import type { Parsed } from './parse-command-line.js';
import { referenceShortcut } from './reference-shortcut.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly signal: AbortSignal;
}

/** The whole command: parse, resolve, run, report. Returns the exit code; never calls process.exit. */
export async function main(io: CliIo): Promise<number> {
  // Each command loads only what it needs: a reference server starts in a fraction of the time.
  let parsed: Parsed | undefined = referenceShortcut(io.argv);
  if (parsed === undefined) {
    const { parseCommandLine } = await import('./parse-command-line.js');
    const result = await parseCommandLine(io.argv, {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
    if ('exitCode' in result) return result.exitCode;
    parsed = result;
  }
  try {
    if (parsed.kind === 'reference') {
      const { runReferenceServer } = await import('./reference-command.js');
      await runReferenceServer(parsed, (text) => io.stdout.write(text), io.signal, io.cwd);
      return ExitCode.passed;
    }
    if (parsed.kind === 'grade') {
      const { gradeCommand } = await import('./grade-command.js');
      return await gradeCommand(parsed, io);
    }
    if (parsed.kind === 'init') {
      const { initCommand } = await import('./init-command.js');
      return await initCommand(parsed, io);
    }
    if (parsed.kind === 'new') {
      const { newCommand } = await import('./new-command.js');
      return await newCommand(parsed, io);
    }
    if (parsed.kind === 'check-suite') {
      const { checkSuiteCommand } = await import('./check-suite-command.js');
      return await checkSuiteCommand(parsed, io);
    }
    if (parsed.kind === 'grade-merge') {
      const { mergeCommand } = await import('./merge-command.js');
      return await mergeCommand(parsed, io);
    }
    const { testCommand } = await import('./test-command.js');
    return await testCommand(parsed, io);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.usage;
  }
}
