import { execa } from 'execa';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { pythonForBench } from './python.js';
import { median, type BenchRow } from './table.js';

/** The example suites, each against a correct server of its own, as an instructor runs them. */
const examples = () =>
  [
    { suite: 'kv', server: [pythonForBench(), 'examples/kv/correct/kv_server.py', '{port}'] },
    { suite: 'rooms', server: [process.execPath, 'examples/rooms/correct/rooms_server.mjs', '{port}'] },
  ] as const;

/**
 * Each example suite (loaded from its file, so each run is a conform process of its own, its start
 * included) against a correct server, default settings, median of 3 seeds.
 */
export async function exampleSuiteRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { suite, server } of examples()) {
    const times: number[] = [];
    for (let seed = 1; seed <= 3; seed += 1) {
      const started = performance.now();
      const run = await execa(
        process.execPath,
        [
          join(repoRoot, 'bin/conform.js'),
          '--suite',
          `./examples/${suite}/suite.ts`,
          '--seed',
          String(seed),
          '--',
          ...server,
        ],
        { cwd: repoRoot, reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } },
      );
      if (run.exitCode !== 0)
        throw new Error(`the correct server failed the ${suite} example suite:\n${run.stdout}`);
      times.push(performance.now() - started);
    }
    rows.push({
      measure: `${suite} example suite vs a correct server (a conform process, median of 3)`,
      result: `${(median(times) / 1000).toFixed(2)} s`,
      target: '',
      met: undefined,
    });
  }
  return rows;
}
