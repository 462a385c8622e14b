import type { SandboxReport } from '../../harness/supervisor/sandbox/sandbox.js';
import {
  defaultLimits,
  limitFlags,
  type ServerLimits,
} from '../../harness/supervisor/sandbox/server-limits.js';
import { describeFiles } from '../describe-files.js';

/** Each limit in a few words, for the header. */
const limitWords: Readonly<Record<keyof ServerLimits, (value: number) => string>> = {
  memoryMb: (value) => `${value} MiB memory`,
  maxProcs: (value) => `${value} processes`,
  cpuSeconds: (value) => `${value} s CPU`,
  openFiles: (value) => `${value} open files`,
  diskMb: (value) => `${value} MiB to write`,
};

/**
 * The line under the header about what each server may use, where it says more than the defaults:
 * limits set to other values than conform's own, and protection less than full. Undefined where
 * there is nothing of the kind (the JSON report has it all; a limit a server meets is named in its
 * failure).
 */
export function describeSandbox(sandbox: SandboxReport): string | undefined {
  const { limits } = sandbox;
  const changed = (Object.keys(limitWords) as (keyof ServerLimits)[]).filter(
    (name) => limits[name] !== defaultLimits[name],
  );
  const parts = [
    ...(changed.length === 0
      ? []
      : [
          `limits: ${changed.map((name) => `${limitWords[name](limits[name])} (${limitFlags[name]})`).join(', ')} per server`,
        ]),
    ...(sandbox.isolation === 'network and pid namespaces' ? [] : [`isolation: ${sandbox.isolation}`]),
    ...(sandbox.files === 'confined' ? [] : [`files: ${describeFiles(sandbox)}`]),
  ];
  const line = parts.length === 0 ? undefined : parts.join(' · ');
  if (sandbox.note === undefined) return line;
  return line === undefined ? `note: ${sandbox.note}` : `${line}\nnote: ${sandbox.note}`;
}
