import { describe, expect, it } from 'vitest';
import type { TestProgress } from '../../../reports/reporter.js';
import { formatStatus, truncate } from '../../../reports/terminal/format-status.js';

function progress(overrides: Partial<TestProgress> = {}): TestProgress {
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

describe('formatStatus', () => {
  it('shows a property test with its run of the runs planned and its time', () => {
    const line = formatStatus(
      [{ progress: progress({ run: 34, runs: 100, elapsedMs: 3200 }), seenAt: 0 }],
      0,
      80,
    );
    expect(line).toBe('echo.stream run 34/100 3.2 s');
  });

  it('counts the time since the last progress arrived, while a run goes on', () => {
    const line = formatStatus(
      [{ progress: progress({ run: 1, runs: 40, elapsedMs: 500 }), seenAt: 1000 }],
      9100,
      80,
    );
    expect(line).toBe('echo.stream run 1/40 8.6 s');
  });

  it('shows shrinking, with the smaller cases tried once there are some', () => {
    const at = (shrinkSteps: number): string =>
      formatStatus(
        [
          {
            progress: progress({ run: 7, runs: 40, shrinking: true, shrinkSteps, elapsedMs: 1000 }),
            seenAt: 0,
          },
        ],
        0,
        80,
      );
    expect(at(0)).toBe('echo.stream shrinking 1.0 s');
    expect(at(12)).toBe('echo.stream shrinking (12 tried) 1.0 s');
  });

  it('shows a test without a property by its id and time, and its runs when it has some', () => {
    expect(formatStatus([{ progress: progress({ elapsedMs: 40 }), seenAt: 0 }], 0, 80)).toBe(
      'echo.stream 0.0 s',
    );
    expect(formatStatus([{ progress: progress({ run: 1, elapsedMs: 40 }), seenAt: 0 }], 0, 80)).toBe(
      'echo.stream run 1 0.0 s',
    );
  });

  it('shows every running test on one line, in the order they began', () => {
    const line = formatStatus(
      [
        { progress: progress({ run: 3, runs: 40, elapsedMs: 1500 }), seenAt: 0 },
        { progress: progress({ id: 'echo.large', elapsedMs: 200 }), seenAt: 0 },
      ],
      0,
      80,
    );
    expect(line).toBe('echo.stream run 3/40 1.5 s · echo.large 0.2 s');
  });

  it('fits one column short of the width, ending in an ellipsis when cut', () => {
    const tests = ['echo.stream', 'echo.large', 'echo.many-clients'].map((id) => ({
      progress: progress({ id, run: 10, runs: 100, elapsedMs: 1000 }),
      seenAt: 0,
    }));
    for (const columns of [1, 2, 20, 40, 59]) {
      const line = formatStatus(tests, 0, columns);
      expect([...line].length).toBeLessThanOrEqual(columns - 1);
      if (columns > 2) expect(line.endsWith('…')).toBe(true);
    }
    expect(formatStatus(tests, 0, 200)).not.toContain('…');
  });
});

describe('truncate', () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(truncate('a·b·c', 5)).toBe('a·b·c');
    expect(truncate('a·b·c', 4)).toBe('a·b…');
    expect(truncate('abc', 0)).toBe('');
  });
});
