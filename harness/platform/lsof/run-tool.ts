import { execa } from 'execa';

/** What a system tool printed, and how it ended. */
export interface ToolOutput {
  readonly stdout: string;
  readonly exitCode: number;
}

/**
 * Runs a system tool (lsof, ps, netstat) and takes its output. A tool that does not answer within
 * `timeoutMs`, or cannot be run at all, is an error of conform's: nothing can be told without it.
 */
export async function runTool(file: string, args: readonly string[], timeoutMs: number): Promise<ToolOutput> {
  const result = await execa(file, [...args], {
    timeout: timeoutMs,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    // Field names and states in the C locale, whatever the user's.
    env: { LC_ALL: 'C' },
  });
  if (result.timedOut) throw new Error(`${file} ${args.join(' ')} did not answer within ${timeoutMs} ms`);
  if (result.exitCode === undefined) {
    throw new Error(`${file} could not be run: ${result.code ?? result.shortMessage}`, { cause: result });
  }
  return { stdout: result.stdout, exitCode: result.exitCode };
}
