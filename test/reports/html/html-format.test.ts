import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../harness/results/run-report.js';
import type { ExchangeStep } from '../../../harness/results/test-result.js';
import { plainFailure } from '../../../harness/runner/failure-report.js';
import { reportFormats } from '../../../reports/formats.js';
import { htmlFormat } from '../../../reports/html/html-format.js';
import { failingTest, reportOf, sampleReport } from '../../support/sample-report.js';
import { hostile, hostileReport, reportWithExchange } from './report-data.js';

const context = { visibility: () => 'visible' as const };
const html = (report: RunReport): string => htmlFormat.format(report, context);
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('the HTML report', () => {
  it('is registered as --reporter html, written to report.html', () => {
    expect(reportFormats.get('html')).toBe(htmlFormat);
    expect(htmlFormat.fileName).toBe('report.html');
  });

  it('is one self-contained page: one inline script, a policy that loads nothing, links only within it', () => {
    const page = html(reportWithExchange);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    expect(count(page, '<script')).toBe(1);
    expect(page).not.toMatch(/<script[^>]*\ssrc=|<link\b|@import|url\(/);
    const links = [...page.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !link?.startsWith('#'))).toEqual([]);
    for (const link of links) expect(page).toContain(`id="${link?.slice(1)}"`);
  });

  it('sums the run up: suite, target, seed, score, and each test with its requirement and status', () => {
    const page = html(sampleReport);
    expect(page).toContain('<h1>conform · echo: 1/2 points</h1>');
    expect(page).toContain('<code>server.c</code> (port 4000)');
    expect(page).toMatch(/<dt>Seed<\/dt><dd>7<\/dd>/);
    for (const test of sampleReport.tests) {
      expect(page).toContain(test.title);
      expect(page).toContain(test.requirement);
    }
    expect(page).toMatch(/status-passed">✓ passed<\/td><td><code>echo\.accept<\/code>/);
    expect(page).toMatch(/status-failed">✗ FAILED<\/td><td><a href="#test-echo\.binary"><code>echo\.binary/);
    expect(page).toMatch(/status-skipped">– skipped<\/td><td><code>echo\.large<\/code>/);
  });

  it('shows each failure in a <details>, the first open: diagram, script, byte difference, output, hint, replay', () => {
    const second = failingTest('echo.stream', { replay: 'npx conform server.c --only echo.stream' });
    const report = reportOf([...reportWithExchange.tests, second]);
    const page = html(report);
    expect(page).toContain('<details class="failure failure-failed" id="test-echo.binary" open>');
    expect(page).toContain('<details class="failure failure-failed" id="test-echo.stream">');
    const first = page.slice(page.indexOf('id="test-echo.binary"'), page.indexOf('id="test-echo.stream"'));
    const order = [
      '<svg class="sequence"',
      'Counterexample',
      'expect c1 to read &quot;ab\\x00c&quot;  ✗ got &quot;ab&quot;',
      'Byte difference',
      '61 62 00 63',
      'The server was ended by SIGSEGV.',
      'listening on 127.0.0.1:4000',
      'warning: something odd',
      'Use the byte count that recv() returned, never strlen().',
      '<code id="test-echo.binary-replay">npx conform server.c --only echo.binary --seed 7</code>',
      '<button type="button" class="copy" data-copy="npx conform server.c --only echo.binary --seed 7"',
    ].map((part) => first.indexOf(part));
    expect(order.every((at) => at !== -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Without an exchange there is nothing to draw, and the rest is still shown.
    const rest = page.slice(page.indexOf('id="test-echo.stream"'));
    expect(rest).not.toContain('<svg');
    expect(rest).toContain('data-copy="npx conform server.c --only echo.stream"');
  });

  it('shows an error with no run to draw: its message, and no empty sections', () => {
    const failure = plainFailure('build', 'the build step failed', {
      serverOutputTail: { stdout: '', stderr: 'gcc: error\n' },
    });
    const test = { ...failingTest('echo.accept'), status: 'error' as const, failure };
    const page = html(reportOf([test]));
    expect(page).toContain('<details class="failure failure-error" id="test-echo.accept" open>');
    expect(page).toContain('! ERROR');
    expect(page).toContain('gcc: error');
    expect(page).not.toMatch(/<svg|Replay|Hint|Byte difference|Counterexample/);
  });

  it('escapes every text the server or a report could put markup in', () => {
    const page = html(hostileReport());
    expect(count(page, '<script')).toBe(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain(hostile);
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;',
    );
    // The replay command is an attribute too: it stays one attribute.
    expect(page).toMatch(/data-copy="npx conform &quot;&lt;script&gt;[^"]*&quot; --only echo\.binary"/);
    const svg = page.slice(page.indexOf('<svg'), page.indexOf('</svg>') + '</svg>'.length);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('data-lane="&lt;script&gt;');
  });

  it('stays bounded whatever the server sent', () => {
    const huge = 'x'.repeat(5_000_000);
    const steps: ExchangeStep[] = Array.from({ length: 10_000 }, (_, index) => ({
      atMs: index,
      conn: `c${index % 500}`,
      kind: 'read',
      bytes: `"${'y'.repeat(10_000)}"`,
      size: 10_000,
      detail: huge.slice(0, 100_000),
      ...(index === 9_999 && { failing: true as const, outcome: huge }),
    }));
    const failure = {
      message: huge,
      counterexample: Array.from({ length: 10_000 }, () => huge.slice(0, 10_000)),
      transcript: [],
      serverOutputTail: { stdout: huge, stderr: huge },
      hint: huge,
      replay: huge,
      expected: huge,
      actual: huge,
      exchange: { steps, omitted: 0 },
    };
    const tests = Array.from({ length: 20 }, (_, index) => failingTest(`echo.t${index}`, failure, huge));
    const page = html(reportOf(tests, huge));
    expect(page.length).toBeLessThan(20 * 350_000);
    expect(page).toContain('… 9700 steps left out …');
    expect(page).toContain('… 9880 more lines not shown …');
    expect(page).toContain(' characters before these are not shown …');
  });
});
