import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { writtenOut } from '../../../harness/cli/written-out.js';
import { repoRoot } from '../../support/run-conform.js';

const bytes = 4 * 1024 * 1024;

/** A process that writes far more than a socket holds, waits for writtenOut, and exits at once. */
function writeAndExit(wait: boolean): string {
  const module = join(repoRoot, 'harness', 'cli', 'written-out.ts');
  return `
    const { writtenOut } = await import(${JSON.stringify(module)});
    process.stdout.write('x'.repeat(${bytes}));
    if (${wait}) await writtenOut([process.stdout, process.stderr], 20_000);
    process.exit(0);
  `;
}

function run(script: string) {
  // Started by Node, the child's stdout is a socket, written asynchronously: as under conform grade.
  return execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    timeout: 30_000,
    reject: false,
  });
}

describe('writtenOut', () => {
  it('lets a process exit only once all it wrote to a socket has left it', async () => {
    const child = await run(writeAndExit(true));
    expect(child.exitCode, child.stderr).toBe(0);
    expect(child.stdout.length).toBe(bytes);
  });

  it('is needed: the same process exiting without it loses the end of its output', async () => {
    const child = await run(writeAndExit(false));
    expect(child.exitCode, child.stderr).toBe(0);
    expect(child.stdout.length).toBeLessThan(bytes);
  });

  it('gives up at its deadline on a reader that never reads', async () => {
    const stuck = { writableLength: 10, write: () => true };
    const started = performance.now();
    await writtenOut([stuck], 50);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('does not wait on a stream with nothing pending', async () => {
    let writes = 0;
    const idle = { writableLength: 0, write: () => (writes += 1) };
    await writtenOut([idle], 60_000);
    expect(writes).toBe(0);
  });
});
