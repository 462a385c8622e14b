import type { SandboxReport } from '../harness/supervisor/sandbox/sandbox.js';

/** What a server's files were confined to, in a few words, for every report that shows the sandbox. */
export function describeFiles(sandbox: SandboxReport): string {
  return sandbox.files === 'confined'
    ? `its own folder and /tmp, ${sandbox.limits.diskMb} MiB, the rest read-only`
    : 'not confined';
}
