import { readdirSync, readFileSync } from 'node:fs';

/** Processes whose command line mentions `marker`, other than this test process. */
export function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/\) Z /.test(state)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (command.includes(marker)) found.push(`${entry}: ${command}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Processes still running with `marker` on their command line, killed (by pid) so no test leaves any behind. */
export function killLeftovers(marker: string): string[] {
  const left = processesMentioning(marker);
  for (const line of left) {
    try {
      process.kill(Number(line.slice(0, line.indexOf(':'))), 'SIGKILL');
    } catch {
      // It ended on its own meanwhile.
    }
  }
  return left;
}
