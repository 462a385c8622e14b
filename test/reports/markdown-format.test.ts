import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../harness/results/test-result.js';
import { markdownFormat } from '../../reports/markdown/markdown-format.js';
import type { FormatContext } from '../../reports/report-format.js';
import { emptyFailure, failingTest, reportOf, sampleReport } from '../support/sample-report.js';

const context: FormatContext = { visibility: () => 'visible' };
const commentLimit = 65_536;

/** The cells of a GFM table row: split at each `|` not escaped by a backslash. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|'));
}

/** The fenced code blocks as CommonMark reads them: a fence closes on a backtick run at least as long. */
function fencedBlocks(markdown: string): { contents: string[]; outside: string[]; unclosed: boolean } {
  const contents: string[] = [];
  const outside: string[] = [];
  let open: { length: number; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open === undefined) {
      const start = /^ {0,3}(`{3,})[^`]*$/.exec(line);
      if (start?.[1] !== undefined) open = { length: start[1].length, lines: [] };
      else outside.push(line);
      continue;
    }
    const end = /^ {0,3}(`{3,})\s*$/.exec(line);
    if (end?.[1] !== undefined && end[1].length >= open.length) {
      contents.push(open.lines.join('\n'));
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  return { contents, outside, unclosed: open !== undefined };
}

describe('markdownFormat', () => {
  it('has one table row per test, in suite order, with its mark, id and points (none for a test left out)', () => {
    const rows = tableRows(markdownFormat.format(sampleReport, context));
    expect(rows).toHaveLength(2 + sampleReport.tests.length);
    const body = rows.slice(2).map(cells);
    expect(body.map((row) => row[0]?.trim())).toEqual(['✅', '❌', '➖']);
    expect(body.map((row) => row[1]?.trim())).toEqual(['`echo.accept`', '`echo.binary`', '`echo.large`']);
    expect(body.map((row) => row[3]?.trim())).toEqual(['1/1', '0/1', '–']);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
  });

  it('marks an errored test ⚠️ and names suite, score, counts, seed and version in the heading', () => {
    const errored: TestResult = { ...failingTest('echo.errored'), status: 'error' };
    const markdown = markdownFormat.format(reportOf([...sampleReport.tests, errored]), context);
    expect(cells(tableRows(markdown)[5] ?? '')[0]?.trim()).toBe('⚠️');
    expect(markdown.split('\n')[0]).toBe(
      '### conform · echo: 1/3 points — 1 passed, 1 failed, 1 not selected, 1 error · seed 7 · conform 0.1.0',
    );
  });

  it('escapes a | in a title or id so that it adds no column, and backticks in an id', () => {
    const markdown = markdownFormat.format(
      reportOf([failingTest('odd|id', {}, 'reads a | b || c'), failingTest('tick`id', {}, 'a `code` title')]),
      context,
    );
    const rows = tableRows(markdown).slice(2);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    expect(rows[0]).toContain('reads a \\| b \\|\\| c');
    expect(rows[0]).toContain('`odd\\|id`');
    expect(rows[1]).toContain('`` tick`id ``');
    expect(rows[1]).toContain('a \\`code\\` title');
  });

  it('puts each failing explanation in a fence that a ``` inside cannot close', () => {
    const markdown = markdownFormat.format(
      reportOf([
        failingTest('echo.fence', {
          // A message of several lines puts a bare ``` at the start of a line, where it could close a fence.
          message: 'got ``` back\n```\nstill inside',
          serverOutputTail: { stdout: '```\nnot markdown\n`````\n', stderr: '' },
        }),
      ]),
      context,
    );
    const blocks = fencedBlocks(markdown);
    expect(blocks.unclosed).toBe(false);
    expect(blocks.contents).toHaveLength(1);
    expect(blocks.contents[0]).toContain('\n```\nstill inside');
    expect(blocks.contents[0]).toContain('\n      ```\n      not markdown\n      `````');
    expect(blocks.contents[0]).toContain('Replay');
    expect(blocks.outside).toContain('</details>');
    expect(markdown).toContain(
      '<details><summary><code>echo.fence</code> — got ``` back ``` still inside</summary>',
    );
  });

  it('bounds a huge explanation and says what it cut', () => {
    const hugeLines = Array.from({ length: 100_000 }, (_, index) => `line ${index} ${'x'.repeat(200)}`);
    const markdown = markdownFormat.format(
      reportOf([
        failingTest('echo.huge', {
          message: 'm'.repeat(100_000),
          serverOutputTail: { stdout: `${hugeLines.join('\n')}\n${'y'.repeat(1_000_000)}`, stderr: '' },
          transcript: hugeLines,
        }),
      ]),
      context,
    );
    expect(markdown.length).toBeLessThan(10_000);
    const [explanation] = fencedBlocks(markdown).contents;
    expect(explanation?.length).toBeLessThanOrEqual(4_000);
    expect(explanation?.split('\n').length).toBeLessThanOrEqual(60);
    expect(explanation).toMatch(/^… \d+ lines cut …$/m);
    expect(explanation).toContain('more characters)');
    expect(explanation).toContain('Replay');
  });

  it('keeps the whole text under the comment limit and says how many explanations it left out', () => {
    const many = Array.from({ length: 300 }, (_, index) =>
      failingTest(`echo.t${index}`, { transcript: Array.from({ length: 500 }, () => 'z'.repeat(100)) }),
    );
    const markdown = markdownFormat.format(reportOf(many), context);
    expect(markdown.length).toBeLessThan(commentLimit);
    expect(tableRows(markdown)).toHaveLength(302);
    const shown = markdown.split('\n').filter((line) => line.startsWith('<details>')).length;
    expect(markdown).toContain(`… cut: the explanations of ${300 - shown} more failing tests are not shown`);
  });

  it('cuts the table itself when the suite is too long for one comment, and says so', () => {
    const passing = Array.from({ length: 1_000 }, (_, index) => ({
      ...sampleReport.tests[0]!,
      id: `echo.p${index}`,
      title: 't'.repeat(300),
    }));
    const markdown = markdownFormat.format(reportOf(passing), context);
    expect(markdown.length).toBeLessThan(commentLimit);
    const listed = tableRows(markdown).length - 2;
    expect(listed).toBeGreaterThan(100);
    expect(markdown).toContain(`… cut: ${1_000 - listed} more tests are not listed`);
  });

  it('never throws on sparse reports: no failure, null fields, empty output, no tests', () => {
    const bare: TestResult = { ...failingTest('echo.bare'), status: 'error', failure: undefined };
    const nulls = failingTest('echo.nulls', { ...emptyFailure, message: '' });
    const markdown = markdownFormat.format(reportOf([bare, nulls]), context);
    expect(markdown).toContain('<code>echo.bare</code> — error with no explanation recorded');
    expect(tableRows(markdown)).toHaveLength(4);
    expect(fencedBlocks(markdown).unclosed).toBe(false);
    expect(tableRows(markdownFormat.format(reportOf([]), context))).toHaveLength(2);
  });

  it('renders the sample report', () => {
    expect(markdownFormat.format(sampleReport, context)).toMatchInlineSnapshot(`
      "### conform · echo: 1/2 points — 1 passed, 1 failed, 1 not selected · seed 7 · conform 0.1.0

      | | Test | Title | Points |
      |:-:|---|---|--:|
      | ✅ | \`echo.accept\` | accepts a TCP connection after starting | 1/1 |
      | ❌ | \`echo.binary\` | binary data comes back byte for byte | 0/1 |
      | ➖ | \`echo.large\` | 16 MiB written while reading comes back exactly (skipped by --skip) | – |

      <details><summary><code>echo.binary</code> — c1 expected "ab\\x00c" but received only "ab", then nothing more for 2000 ms</summary>

      \`\`\`text
      ✗ echo.binary — binary data comes back byte for byte
        Requirement  The server MUST treat the data as bytes.
        What failed  c1 expected "ab\\x00c" but received only "ab", then nothing more for 2000 ms
        Expected     "ab\\x00c"
        Received     "ab"
        Difference   at byte 2 (bytes 0… shown)
            expected  61 62 00 63                                           ab.c
            received  61 62                                                 ab
        Script (the failing script)
            c1 = connect()
            c1.write("ab\\x00c")
            expect c1 to read "ab\\x00c"  ✗ got "ab", then nothing for 2000 ms
        Server       killed by SIGSEGV
        Server stderr (last lines)
            warning: something odd
        Server stdout (last lines)
            listening on 127.0.0.1:4000
        Transcript
                 0.3 ms  c1     connect
                 0.5 ms  c1     write 4 B "ab\\x00c"
        Hint         Use the byte count that recv() returned, never strlen().
        Replay       npx conform server.c --only echo.binary --seed 7
      \`\`\`

      </details>
      "
    `);
  });
});
