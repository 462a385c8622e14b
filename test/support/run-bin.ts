import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '../../harness/results/run-report.js';
import { repoRoot } from './run-conform.js';

const bin = join(repoRoot, 'bin', 'conform.js');

/**
 * Runs the compiled conform (bin/conform.js) as a program, with a JSON report beside: as a suite
 * file must be run, its `import ... from 'conform'` then meaning that conform's public suite API.
 */
export async function runBin(args: readonly string[], cwd = repoRoot, options: { json?: boolean } = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'conform-bin-'));
  const json = join(folder, 'report.json');
  try {
    const dashes = args.indexOf('--');
    const own = dashes === -1 ? args : args.slice(0, dashes);
    const command = dashes === -1 ? [] : args.slice(dashes);
    const reportArgs = options.json === false ? [] : ['--json', json];
    const result = await execa(process.execPath, [bin, ...own, ...reportArgs, ...command], {
      cwd,
      env: { NO_COLOR: '1' },
      reject: false,
      timeout: 120_000,
      stdin: 'ignore',
    });
    const report = await readFile(json, 'utf8').then(
      (text) => JSON.parse(text) as RunReport,
      () => undefined,
    );
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, report };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
