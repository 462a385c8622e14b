import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '../../harness/results/run-report.js';
import { repoRoot } from '../paths.js';
import { correctFixtures, type StressTarget } from './correct-fixtures.js';
import { ensureStressNg, startLoad, stopLoad } from './load-generator.js';

/** A run that takes longer than this is a hang, and a flake. */
const runDeadlineMs = 180_000;

interface Flake {
  readonly target: StressTarget;
  readonly seed: number | undefined;
  readonly why: string;
}

/** One conform run, as a user runs it (default --jobs and isolation): its exit code and report. */
function runConform(
  target: StressTarget,
  json: string,
): Promise<{ code: number | null; report?: RunReport }> {
  const args = ['bin/conform.js', '--suite', target.suite, '-q', '--json', json, ...target.target];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: repoRoot, timeout: runDeadlineMs, killSignal: 'SIGINT' },
      (error) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        try {
          resolve({ code, report: JSON.parse(readFileSync(json, 'utf8')) as RunReport });
        } catch {
          resolve({ code });
        }
      },
    );
  });
}

function whyFailed(report: RunReport | undefined, code: number | null): string {
  const failed = report?.tests.filter((test) => test.status !== 'passed' && test.status !== 'skipped') ?? [];
  if (failed.length === 0) return `exit code ${code ?? 'none (killed at the deadline)'}`;
  return failed.map((test) => `${test.id} ${test.status}: ${test.failure?.message ?? ''}`).join('; ');
}

async function main(): Promise<void> {
  const roundsArgument = process.argv.indexOf('--rounds');
  const rounds = roundsArgument === -1 ? 16 : Number(process.argv[roundsArgument + 1]);
  const targets = correctFixtures();
  const loaded = ensureStressNg();
  console.log(
    `${rounds} rounds of ${targets.length} correct fixtures (${rounds * targets.length} runs), default --jobs, ` +
      (loaded
        ? 'both cores kept busy by stress-ng'
        : 'NO load: stress-ng is missing and cannot be installed'),
  );
  const load = loaded ? startLoad() : undefined;
  const folder = mkdtempSync(join(tmpdir(), 'conform-stress-'));
  const counts = new Map(targets.map((target) => [target, { runs: 0, slowestMs: 0 }]));
  const flakes: Flake[] = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        const json = join(folder, 'report.json');
        rmSync(json, { force: true });
        const started = performance.now();
        const { code, report } = await runConform(target, json);
        const count = counts.get(target) as { runs: number; slowestMs: number };
        count.runs += 1;
        count.slowestMs = Math.max(count.slowestMs, performance.now() - started);
        if (code !== 0) flakes.push({ target, seed: report?.seed, why: whyFailed(report, code) });
      }
      process.stdout.write(`round ${round}/${rounds}: ${flakes.length} flakes so far\n`);
    }
  } finally {
    if (load !== undefined) stopLoad(load);
    rmSync(folder, { recursive: true, force: true });
  }
  console.log('\n| suite | fixture | runs | flakes | slowest |\n|---|---|---|---|---|');
  for (const [target, count] of counts) {
    const own = flakes.filter((flake) => flake.target === target).length;
    console.log(
      `| ${target.suite} | ${target.name} | ${count.runs} | ${own} | ${(count.slowestMs / 1000).toFixed(1)} s |`,
    );
  }
  const runs = [...counts.values()].reduce((sum, count) => sum + count.runs, 0);
  console.log(`\n${runs} runs, ${flakes.length} flakes`);
  for (const flake of flakes) {
    console.log(`FLAKE ${flake.target.suite} ${flake.target.name} seed ${flake.seed ?? '?'}: ${flake.why}`);
  }
  process.exitCode = flakes.length === 0 ? 0 : 1;
}

await main();
