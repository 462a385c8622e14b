import { describe, expect, it } from 'vitest';
import type { SandboxReport } from '../../../harness/supervisor/sandbox/sandbox.js';
import { defaultLimits } from '../../../harness/supervisor/sandbox/server-limits.js';
import { describeSandbox } from '../../../reports/terminal/describe-sandbox.js';

const full: SandboxReport = {
  limits: defaultLimits,
  enforcedBy: 'rlimits (prlimit)',
  isolation: 'network and pid namespaces',
  files: 'confined',
  note: undefined,
};

describe('describeSandbox', () => {
  it('says nothing where every limit is the default and the protection is full', () => {
    expect(describeSandbox(full)).toBeUndefined();
  });

  it('names only the limits set to other values, with their flags', () => {
    expect(describeSandbox({ ...full, limits: { ...defaultLimits, memoryMb: 2048, openFiles: 4096 } })).toBe(
      'limits: 2048 MiB memory (--memory), 4096 open files (--open-files) per server',
    );
  });

  it('says where the protection is less than full, and the note of why', () => {
    expect(
      describeSandbox({
        ...full,
        isolation: 'none',
        files: 'not confined',
        note: 'no namespaces here: servers run unisolated',
      }),
    ).toBe('isolation: none · files: not confined\nnote: no namespaces here: servers run unisolated');
  });
});
