import type { SandboxReport } from '../../harness/supervisor/sandbox/sandbox.js';
import { describeFiles } from '../describe-files.js';

/** One line under the header: what each server may use, and whether it is isolated and confined. */
export function describeSandbox(sandbox: SandboxReport): string {
  const { limits } = sandbox;
  const line =
    `limits: ${limits.memoryMb} MiB memory, ${limits.maxProcs} processes, ${limits.cpuSeconds} s CPU, ` +
    `${limits.openFiles} open files per server (${sandbox.enforcedBy}) · isolation: ${sandbox.isolation} · files: ${describeFiles(sandbox)}`;
  return sandbox.note === undefined ? line : `${line}\nnote: ${sandbox.note}`;
}
