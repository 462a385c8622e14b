import { CommanderError } from 'commander';
import type { ParsedCheckSuite } from './check-suite-command.js';
import type { ParsedGrade } from './grade-command.js';
import type { ParsedNew } from './new-command.js';
import type { ParsedMerge } from './merge-command.js';
import type { ParsedInit } from './init-command.js';
import { buildProgram, type ParsedCommandLine, type ParsedReference } from './program.js';
import { conformVersion } from './version.js';

export type Parsed =
  ParsedCommandLine | ParsedReference | ParsedGrade | ParsedMerge | ParsedInit | ParsedCheckSuite | ParsedNew;

/**
 * The command line through commander: what to do, or, for help, the version and usage errors (already
 * printed), the exit code.
 */
export async function parseCommandLine(
  argv: readonly string[],
  output: { readonly writeOut: (text: string) => void; readonly writeErr: (text: string) => void },
): Promise<Parsed | { readonly exitCode: number }> {
  const dashes = argv.indexOf('--');
  const before = dashes === -1 ? argv : argv.slice(0, dashes);
  const command = dashes === -1 ? [] : argv.slice(dashes + 1);
  let parsed: Parsed | undefined;
  const program = buildProgram(conformVersion(), (result) => (parsed = result), command, output);
  try {
    await program.parseAsync([...before], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return { exitCode: done ? 0 : 2 };
    }
    throw error;
  }
  return parsed ?? { exitCode: 2 };
}
