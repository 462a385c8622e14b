import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSandbox } from '../harness/config/resolve-sandbox.js';
import { procPlatform } from '../harness/platform/proc/proc-platform.js';
import { Sandbox } from '../harness/supervisor/sandbox/sandbox.js';
import { ServerProcess } from '../harness/supervisor/server-process.js';
import { median, type BenchRow } from './table.js';

const rounds = 20;

/**
 * What the sandbox costs a server's start: `true` started and ended, bare, with limits and a pid
 * namespace (--isolate off), and isolated with its files confined, its view made by perl and by the
 * shell's programs; the ways alternate round by round.
 */
export async function sandboxStartRows(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'conform-bench-start-'));
  try {
    const request = resolveSandbox({}, { env: process.env, cwd: work });
    const confined = [request, { ...request, tools: { ...request.tools, perl: undefined } }]
      .map((each) => Sandbox.prepare(each))
      .filter((sandbox) => sandbox.confined);
    const ways: [string, Sandbox | undefined][] = [
      ['bare', undefined],
      ['limits and a pid namespace (--isolate off)', Sandbox.prepare({ ...request, isolate: 'off' })],
      ...confined.map((sandbox): [string, Sandbox] => [
        `isolated, files confined by ${sandbox.viewMadeBy ?? ''}`,
        sandbox,
      ]),
    ];
    const times = ways.map((): number[] => []);
    const spec = { file: 'true', args: [], env: { PATH: process.env.PATH ?? '' }, cwd: work };
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, [, sandbox]] of ways.entries()) {
        const started = performance.now();
        const server = ServerProcess.spawn(spec, procPlatform, sandbox);
        await server.exited;
        times[index]?.push(performance.now() - started);
        await server.stop();
      }
    }
    return ways.map(([name], index) => ({
      measure: `a server's start and end (\`true\`, median of ${rounds}): ${name}`,
      result: `${median(times[index] ?? []).toFixed(0)} ms`,
      target: '',
      met: undefined,
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
