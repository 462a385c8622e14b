import { CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { ExitCode } from '../results/exit-code.js';
import { buildProgram, type ParsedCommandLine, type ParsedReference } from './program.js';
import { conformVersion } from './version.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly signal: AbortSignal;
}

/** The whole command: parse, resolve, run, report. Returns the exit code; never calls process.exit. */
export async function main(io: CliIo): Promise<number> {
  const dashes = io.argv.indexOf('--');
  const before = dashes === -1 ? io.argv : io.argv.slice(0, dashes);
  const command = dashes === -1 ? [] : io.argv.slice(dashes + 1);
  let parsed: ParsedCommandLine | ParsedReference | undefined;
  const program = buildProgram(conformVersion(), (result) => (parsed = result), command, {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  try {
    await program.parseAsync([...before], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return done ? ExitCode.passed : ExitCode.usage;
    }
    throw error;
  }
  if (parsed === undefined) return ExitCode.usage;
  try {
    // Each command loads only what it needs: a reference server starts in a fraction of the time.
    if (parsed.kind === 'reference') {
      const { runReferenceServer } = await import('./reference-command.js');
      await runReferenceServer(parsed, (text) => io.stdout.write(text), io.signal);
      return ExitCode.passed;
    }
    const { testCommand } = await import('./test-command.js');
    return await testCommand(parsed, io);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`conform: ${error.message}\n`);
    return ExitCode.usage;
  }
}
