import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSuiteRows } from './example-suites.js';
import { gradeClassRows } from './grade-class.js';
import { repoRoot } from './paths.js';
import { sandboxStartRows } from './sandbox-start.js';
import { pythonForBench } from './python.js';
import { startReference } from './reference-process.js';
import { defaultJobs, timeSuite } from './suite-time.js';
import { formatTable, median, type BenchRow } from './table.js';
import { driverEcho, rawEcho } from './throughput.js';

const rows: BenchRow[] = [];
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const reference = (protocol: string): string[] => [
  process.execPath,
  'bin/conform.js',
  'reference',
  protocol,
  '--port',
  '{port}',
];

/**
 * Each suite against its reference server, with default settings: the time a clean run takes, with
 * the default jobs and, beside it, with --jobs 1 (alternating, so the machine's drift weighs on both).
 */
async function suitesAgainstReference(): Promise<void> {
  const targetMs = 2500;
  for (const suite of ['echo', 'broadcast', 'chat'] as const) {
    const times = new Map<number, number[]>([...new Set([defaultJobs, 1])].map((jobs) => [jobs, []]));
    for (let round = 0; round < 3; round += 1) {
      const order = [...times.keys()];
      for (const jobs of round % 2 === 0 ? order : order.reverse()) {
        const { report, wallMs } = await timeSuite(suite, reference(suite), { seed: round + 1, jobs });
        if (report.summary.passed !== report.summary.total) {
          throw new Error(`the reference server failed the ${suite} suite with --jobs ${jobs}`);
        }
        times.get(jobs)?.push(wallMs);
      }
    }
    const time = median(times.get(defaultJobs) ?? []);
    const alone = median(times.get(1) ?? []);
    rows.push({
      measure: `${suite} suite vs reference server (median of 3), --jobs ${defaultJobs} (default) / --jobs 1`,
      result: `${seconds(time)} / ${seconds(alone)}`,
      target: `<= ${targetMs / 1000} s`,
      met: time <= targetMs,
    });
  }
  rows.push(...(await exampleSuiteRows()));
  const threads = join(repoRoot, 'fixtures/echo/correct/threads_echo_server.py');
  const { wallMs } = await timeSuite('echo', [pythonForBench(), threads, '{port}']);
  rows.push({
    measure: 'echo suite vs a Python thread-per-client server',
    result: seconds(wallMs),
    target: '',
    met: undefined,
  });
}

/** The driver's cost: the same echo traffic through conform's Connection and through a bare socket. */
async function throughput(): Promise<void> {
  const mebibytes = 256;
  const rounds = 9;
  const server = await startReference('echo');
  try {
    await driverEcho(server.endpoint, 16);
    await rawEcho(server.endpoint, 16);
    // The machine's speed drifts from second to second: each round times both clients back to back,
    // in alternating order, and the ratio is that of the total times, so drift weighs on both alike.
    const driver: number[] = [];
    const raw: number[] = [];
    const timeRaw = (): Promise<number> => rawEcho(server.endpoint, mebibytes);
    const timeDriver = (): Promise<number> => driverEcho(server.endpoint, mebibytes);
    for (let round = 0; round < rounds; round += 1) {
      const rawFirst = round % 2 === 0;
      const first = await (rawFirst ? timeRaw() : timeDriver());
      const second = await (rawFirst ? timeDriver() : timeRaw());
      const [rawMs, driverMs] = rawFirst ? [first, second] : [second, first];
      raw.push(rawMs);
      driver.push(driverMs);
    }
    const rate = (ms: number): number => mebibytes / (ms / 1000);
    const total = (times: number[]): number => times.reduce((sum, ms) => sum + ms, 0);
    const ratio = total(raw) / total(driver);
    rows.push({
      measure: `raw node:net client echoing ${mebibytes} MiB (median of ${rounds})`,
      result: `${rate(median(raw)).toFixed(0)} MiB/s`,
      target: '',
      met: undefined,
    });
    rows.push({
      measure: `conform driver echoing ${mebibytes} MiB (median of ${rounds})`,
      result: `${rate(median(driver)).toFixed(0)} MiB/s`,
      target: '',
      met: undefined,
    });
    rows.push({
      measure: `driver throughput / raw throughput (all ${rounds} alternating rounds)`,
      result: ratio.toFixed(2),
      target: '>= 0.9',
      met: ratio >= 0.9,
    });
  } finally {
    await server.process.stop();
  }
}

/** How long a student waits for a shrunk counterexample. */
async function shrinking(): Promise<void> {
  const buggy = join(repoRoot, 'fixtures/echo/buggy/stream_first_recv_only.py');
  if (!existsSync(buggy)) throw new Error(`missing ${buggy}`);
  const { report, wallMs } = await timeSuite('echo', [pythonForBench(), buggy, '{port}'], {
    only: ['echo.stream'],
    seed: 7,
  });
  const failure = report.tests.find((test) => test.id === 'echo.stream')?.failure;
  if (failure === undefined) throw new Error('the buggy fixture passed echo.stream');
  rows.push({
    measure: 'first failure + shrinking, echo.stream on stream_first_recv_only.py',
    result: `${seconds(wallMs)} (${failure.counterexample?.length ?? 0}-line script)`,
    target: '<= 10 s',
    met: wallMs <= 10_000,
  });
}

function memory(): void {
  rows.push({
    measure: 'peak memory of conform (RSS) over the whole bench',
    result: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    target: '',
    met: undefined,
  });
}

// `npm run bench -- suites` times the suites, and what the sandbox costs a start; `npm run bench --
// class [compare|regrade] [grade options]` grades the class alone (compare: and again with
// --workers 1; regrade: and again with --force, the longest first).
const [part, ...rest] = process.argv.slice(2);
if (part === 'class') {
  const mode = rest[0] === 'compare' || rest[0] === 'regrade' ? rest[0] : 'once';
  rows.push(...(await gradeClassRows(mode, mode === 'once' ? rest : rest.slice(1))));
} else {
  await suitesAgainstReference();
  rows.push(...(await sandboxStartRows()));
  if (part !== 'suites') {
    await throughput();
    await shrinking();
    rows.push(...(await gradeClassRows()));
  }
}
memory();
process.stdout.write(`${formatTable(rows)}\n`);
process.exit(0);
