import { describe, expect, it } from 'vitest';
import { palette } from '../../reports/terminal/palette.js';
import { TerminalReporter } from '../../reports/terminal/terminal-reporter.js';
import { sampleReport } from '../support/sample-report.js';

function render(verbosity: 'quiet' | 'normal' | 'verbose', colors = false): string {
  let out = '';
  const reporter = new TerminalReporter({
    write: (text) => (out += text),
    colors: palette(colors),
    verbosity,
  });
  reporter.onRunStart({
    suite: 'echo',
    suiteTitle: 'Echo protocol',
    seed: 7,
    target: 'server.c',
    selected: 2,
    total: 3,
  });
  for (const test of sampleReport.tests) reporter.onTestEnd(test);
  reporter.onRunEnd(sampleReport);
  return out;
}

describe('TerminalReporter', () => {
  it('prints a progress line for each test that ran, with its mark and time', () => {
    const out = render('normal');
    expect(out).toMatch(/^✓ echo\.accept .* \(12 ms\)$/m);
    expect(out).toMatch(/^✗ echo\.binary .* \(2\.0 s\)$/m);
    expect(out).not.toMatch(/^- echo\.large/m);
    expect(out).toContain('seed 7');
  });

  it('explains a failure: requirement, what failed, bytes, script, server, output, hint and replay', () => {
    const out = render('normal');
    const block = out.slice(out.indexOf('✗ echo.binary —'));
    for (const part of [
      'Requirement  The server MUST treat the data as bytes.',
      'What failed  c1 expected',
      'Expected     "ab\\x00c"',
      'Received     "ab"',
      'at byte 2',
      '61 62 00 63',
      'c1.write("ab\\x00c")',
      'expect c1 to read "ab\\x00c"  ✗ got "ab"',
      'Server       killed by SIGSEGV',
      'warning: something odd',
      'listening on 127.0.0.1:4000',
      'Hint         Use the byte count',
      'Replay       npx conform server.c --only echo.binary --seed 7',
    ]) {
      expect(block).toContain(part);
    }
    expect(block).not.toContain('Transcript');
  });

  it('shows the transcript only when verbose', () => {
    expect(render('verbose')).toContain('Transcript');
    expect(render('verbose')).toContain('0.5 ms  c1     write 4 B');
  });

  it('ends with a table of every test and the totals', () => {
    const out = render('normal');
    expect(out).toMatch(/echo\.accept\s+passed\s+1\/1/);
    expect(out).toMatch(/echo\.binary\s+FAILED\s+0\/1/);
    expect(out).toMatch(/^ {2}echo\.large\s+–$/m);
    expect(out).toMatch(/^ {2}1 test not selected \(--skip\)$/m);
    expect(out).toMatch(/1 passed, 1 failed {2}· {2}score 1\/2/);
  });

  it('is quiet: no header or progress, but failures and the totals', () => {
    const out = render('quiet');
    expect(out).not.toContain('✓ echo.accept');
    expect(out).toContain('✗ echo.binary —');
    expect(out.trim().split('\n').at(-1)).toMatch(/1 passed, 1 failed/);
  });

  it('writes no colour codes when colours are off, and some when on', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(render('normal', false)).not.toMatch(ansi);
    expect(render('normal', true)).toMatch(ansi);
  });
});
