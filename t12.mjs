import { runSuite } from './dist/harness/runner/run-suite.js';
import { echoSuite } from './dist/suites/echo/index.js';
const t0 = performance.now();
const plan = {
  suite: echoSuite, selection: { only: [], skip: [] },
  settings: { seed: 1, runs: undefined, replyTimeoutMs: 2000, maxBufferedBytes: 64 << 20, shrinkTimeMs: 5000, replay: undefined },
  launch: { command: { file: process.execPath, args: ['bin/conform.js', 'reference', 'echo', '--port', '{port}'], env: process.env, cwd: process.cwd() }, startupTimeoutMs: 5000 },
  targetDisplay: 'x', replayCommand: () => '', conformVersion: '0',
};
const rep = { onTestStart(t) { console.log('start', t.id, (performance.now() - t0).toFixed(0)); }, onTestEnd(r) { console.log('  end', r.id, (performance.now() - t0).toFixed(0), r.durationMs); } };
await runSuite(plan, [rep], new AbortController().signal);
console.log('total', (performance.now() - t0).toFixed(0));
