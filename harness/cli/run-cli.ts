import { ExitCode } from '../results/exit-code.js';
import { main } from './main.js';
import { writtenOut } from './written-out.js';

/** How long the end of conform's output may take to reach a reader that is slow to read it. */
const outputDeadlineMs = 30_000;

/**
 * The process around `main`: arguments, environment, signals, exit code. The first Ctrl-C (or
 * SIGTERM, or SIGHUP when the terminal closes) stops the run cleanly: servers stopped, reports
 * written. A second one exits at once, and the servers still running are killed on the way out.
 */
export async function runCli(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(ExitCode.interrupted);
    if (signal === 'SIGINT') process.stderr.write('\nconform: stopping (Ctrl-C again to quit at once)\n');
    controller.abort(new Error(`stopped by ${signal}`));
  };
  // A signal with no handler ends Node without its exit event, which is what kills servers left over.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // A reader that went away (`conform ... | head`) costs the rest of that output, not the run and its reports.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  try {
    process.exitCode = await main({
      argv: process.argv.slice(2),
      env: process.env,
      cwd: process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
      signal: controller.signal,
    });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`conform: internal error (a bug in conform; please report it): ${message}\n`);
    process.exitCode = ExitCode.couldNotTest;
  }
  // A reader that stopped reading must not keep conform running, nor a handle a server left behind.
  await writtenOut([process.stdout, process.stderr], outputDeadlineMs);
  process.exit();
}
