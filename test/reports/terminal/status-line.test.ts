import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestResult } from '../../../harness/results/test-result.js';
import type { TestProgress } from '../../../reports/reporter.js';
import { palette } from '../../../reports/terminal/palette.js';
import { TerminalReporter } from '../../../reports/terminal/terminal-reporter.js';
import { sampleReport } from '../../support/sample-report.js';
import { repoRoot } from '../../support/run-conform.js';

// eslint-disable-next-line no-control-regex
const escapes = /\u001b\[/;
const erase = '\r\u001b[K';

/** A terminal as the reporter sees one: what was written, and a width. */
class FakeTty {
  readonly isTTY = true;
  columns = 80;
  written = '';
  write(text: string): boolean {
    this.written += text;
    return true;
  }
  /** What the screen shows: each erase wipes the line it is on. */
  get screen(): string {
    return this.written
      .split('\n')
      .map((line) => line.split(erase).at(-1) ?? '')
      .join('\n');
  }
}

function progress(overrides: Partial<TestProgress>): TestProgress {
  return {
    id: 'echo.stream',
    run: 0,
    runs: undefined,
    shrinking: false,
    shrinkSteps: 0,
    elapsedMs: 0,
    ended: false,
    ...overrides,
  };
}

const [passed, failed] = sampleReport.tests as [TestResult, TestResult, TestResult];

let clock = 0;

function reporterOn(tty: FakeTty | { write(text: string): boolean; isTTY?: boolean }): TerminalReporter {
  const live = tty.isTTY === true && 'columns' in tty;
  return new TerminalReporter({
    write: (text) => tty.write(text),
    colors: palette(false),
    verbosity: 'normal',
    ...(live && { statusLine: { columns: () => tty.columns, now: () => clock } }),
  });
}

beforeEach(() => {
  clock = 0;
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets the clock and the redraw timer move on together. */
function advance(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

describe('the status line on a terminal', () => {
  it('shows the running test, its run of the runs planned and its time, redrawn in place', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ run: 1, runs: 40, elapsedMs: 10 }));
    advance(100);
    expect(tty.screen).toBe('echo.stream run 1/40 0.1 s');
    reporter.onTestProgress(progress({ run: 2, runs: 40, elapsedMs: 100 }));
    advance(100);
    expect(tty.screen).toBe('echo.stream run 2/40 0.2 s');
    expect(tty.written).not.toContain('\n');
  });

  it('goes on counting the time while one run takes long', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ run: 1, runs: 40, elapsedMs: 0 }));
    advance(9600);
    expect(tty.screen).toBe('echo.stream run 1/40 9.6 s');
  });

  it('says shrinking once a run failed, with the smaller cases tried', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ run: 7, runs: 40, shrinking: true, elapsedMs: 900 }));
    advance(100);
    expect(tty.screen).toBe('echo.stream shrinking 1.0 s');
    reporter.onTestProgress(progress({ run: 7, runs: 40, shrinking: true, shrinkSteps: 3, elapsedMs: 1000 }));
    advance(100);
    expect(tty.screen).toBe('echo.stream shrinking (3 tried) 1.1 s');
  });

  it('shows tests running at once side by side, and drops one that ended', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ run: 3, runs: 40, elapsedMs: 0 }));
    reporter.onTestProgress(progress({ id: 'echo.large', elapsedMs: 0 }));
    advance(100);
    expect(tty.screen).toBe('echo.stream run 3/40 0.1 s · echo.large 0.1 s');
    reporter.onTestProgress(progress({ id: 'echo.large', elapsedMs: 150, ended: true }));
    advance(100);
    expect(tty.screen).toBe('echo.stream run 3/40 0.2 s');
  });

  it('redraws at most ten times a second, however often progress comes', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    for (let run = 1; run <= 500; run += 1) reporter.onTestProgress(progress({ run, runs: 500 }));
    expect(tty.written).toBe('');
    advance(100);
    expect(tty.written.split(erase).length - 1).toBe(1);
    expect(tty.screen).toBe('echo.stream run 500/500 0.1 s');
  });

  it('is replaced by the result line, and drawn again under it while other tests run', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ id: passed.id, run: 5, runs: 40 }));
    reporter.onTestProgress(progress({ id: failed.id, run: 2, runs: 40 }));
    advance(100);
    reporter.onTestProgress(progress({ id: passed.id, run: 5, runs: 40, ended: true }));
    reporter.onTestEnd(passed);
    const lines = tty.screen.split('\n');
    expect(lines[0]).toMatch(/^✓ echo\.accept +accepts a TCP connection after starting \(12 ms\)$/);
    expect(lines[1]).toBe('echo.binary run 2/40 0.1 s');
    expect(lines).toHaveLength(2);
  });

  it('is erased before a result line when no test runs any more, and is not drawn again', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ id: passed.id, run: 5, runs: 40 }));
    advance(100);
    reporter.onTestEnd(passed);
    advance(1000);
    expect(tty.screen).toMatch(/^✓ echo\.accept .*\n$/);
    expect(tty.written.endsWith('\n')).toBe(true);
  });

  it('is erased before the failures and the summary, and leaves nothing behind', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ id: failed.id, run: 2, runs: 40, shrinking: true }));
    advance(100);
    reporter.onRunEnd(sampleReport);
    expect(tty.written.indexOf(erase)).toBeLessThan(tty.written.indexOf('echo.binary —'));
    expect(tty.screen).not.toContain('shrinking');
    expect(tty.screen).toContain('echo.binary —');
    expect(tty.screen).toMatch(/score 1\/2/);
    advance(1000);
    expect(tty.written.endsWith('\n')).toBe(true);
  });

  it('is erased when the run stops on an error, so the error starts on a line of its own', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    reporter.onTestProgress(progress({ id: failed.id, run: 2, runs: 40 }));
    advance(100);
    expect(tty.screen).toContain('echo.binary');
    reporter.onRunAbort();
    expect(tty.written.endsWith(erase)).toBe(true);
    expect(tty.screen).toBe('');
    advance(1000);
    expect(tty.written.endsWith(erase)).toBe(true);
  });

  it('never wraps: each drawing fits one column short of the width, read at each redraw', () => {
    const tty = new FakeTty();
    const reporter = reporterOn(tty);
    tty.columns = 30;
    reporter.onTestProgress(
      progress({ id: 'echo.concurrent-clients', run: 17, runs: 100, elapsedMs: 12_000 }),
    );
    reporter.onTestProgress(progress({ id: 'echo.many-clients', run: 1, runs: 20 }));
    advance(100);
    expect(tty.screen).toBe('echo.concurrent-clients run …');
    tty.columns = 12;
    advance(100);
    for (const drawn of tty.written.split(erase).slice(1)) {
      expect([...drawn].length).toBeLessThanOrEqual(29);
    }
    expect(tty.screen).toBe('echo.concu…');
  });
});

describe('the terminal report off a terminal', () => {
  it('writes no status and no escape code, only the lines it always writes', () => {
    let written = '';
    const pipe = {
      isTTY: false,
      write: (text: string) => {
        written += text;
        return true;
      },
    };
    const reporter = reporterOn(pipe);
    reporter.onTestProgress(progress({ id: passed.id, run: 5, runs: 40 }));
    advance(1000);
    expect(written).toBe('');
    reporter.onTestProgress(progress({ id: failed.id, run: 2, runs: 40, shrinking: true }));
    for (const test of sampleReport.tests) reporter.onTestEnd(test);
    reporter.onRunEnd(sampleReport);
    advance(1000);
    expect(written).not.toMatch(escapes);
    expect(written).not.toContain('\r');
    expect(written).not.toMatch(/run \d+\/40|shrinking/);
    expect(written).toContain('✓ echo.accept');
  });
});

describe('the redraw timer', () => {
  it('never keeps the process alive: a process whose line still shows a running test exits', async () => {
    vi.useRealTimers();
    const module = join(repoRoot, 'reports', 'terminal', 'status-line.ts');
    const script = `
      const { StatusLine } = await import(${JSON.stringify(module)});
      const line = new StatusLine(() => undefined, { dim: (text) => text }, { columns: () => 80 });
      line.update({ id: 'echo.stream', run: 1, runs: 40, shrinking: false, shrinkSteps: 0, elapsedMs: 0, ended: false });
    `;
    const child = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      timeout: 20_000,
      reject: false,
    });
    expect(child.timedOut).toBe(false);
    expect(child.exitCode).toBe(0);
  });
});
