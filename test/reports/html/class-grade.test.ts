import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassReport } from '../../../harness/results/class-report.js';
import { runIn, type PlainRun } from '../../support/run-conform.js';
import { fixture } from '../../support/toolchains.js';

// A class of two: one server that echoes, one that never accepts a connection.
let course: string;
let first: PlainRun;

const grades = (...path: string[]): string => join(course, 'grades', ...path);
const grade = (): Promise<PlainRun> =>
  runIn(course, ['grade', 'class', '--out', 'grades', '--workers', '2', '--reporter', 'html']);

beforeAll(async () => {
  course = mkdtempSync(join(tmpdir(), 'conform-class-html-'));
  for (const [id, file] of [
    ['alice', 'echo/correct/threads_echo_server.py'],
    ['bob', 'echo/buggy/accept_input_before_accept.py'],
  ] as const) {
    mkdirSync(join(course, 'class', id), { recursive: true });
    copyFileSync(fixture(file), join(course, 'class', id, 'server.py'));
  }
  writeFileSync(
    join(course, 'conform.config.json'),
    JSON.stringify({ suite: 'echo', start: 'server.py', only: ['echo.accept', 'echo.single-message'] }),
  );
  first = await grade();
}, 120_000);

afterAll(() => {
  rmSync(course, { recursive: true, force: true });
});

/** Every link of a class page: the file it points to (decoded) and the fragment, if any. */
function links(folder = 'grades'): { href: string; file: string; fragment: string | undefined }[] {
  const page = readFileSync(join(course, folder, 'class.html'), 'utf8');
  return [...page.matchAll(/\shref="([^"]*)"/g)].map((match) => {
    const href = (match[1] as string).replaceAll('&amp;', '&').replaceAll('&#39;', "'");
    const [path, fragment] = href.split('#') as [string, string | undefined];
    return { href, file: join(course, folder, ...path.split('/').map(decodeURIComponent)), fragment };
  });
}

describe('conform grade --reporter html', () => {
  it('writes class.html beside the other class files, and says so', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    expect(existsSync(grades('class.html'))).toBe(true);
    expect(first.stdout).toContain('grades.csv, summary.json, matrix.txt, class.html, and submissions/<id>/');
  });

  it('has a cell for each submission and test, each a link to that test in an existing report', () => {
    const summary = JSON.parse(readFileSync(grades('summary.json'), 'utf8')) as ClassReport;
    const found = links();
    for (const submission of ['alice', 'bob']) {
      for (const test of summary.testIds) {
        const link = found.find(
          (entry) => entry.href === `submissions/${submission}/report.html#test-${test}`,
        );
        expect(link, `${submission} × ${test}`).toBeDefined();
      }
    }
    // Each submission's row, and each problem's list of the submissions that made it.
    const problemLinks = summary.problems.reduce((sum, problem) => sum + problem.submissions.length, 0);
    expect(found.length).toBe(2 * summary.testIds.length + 2 + problemLinks);
    for (const link of found) {
      expect(existsSync(link.file), link.href).toBe(true);
      if (link.fragment !== undefined)
        expect(readFileSync(link.file, 'utf8'), link.href).toContain(`id="${link.fragment}"`);
    }
    const page = readFileSync(grades('class.html'), 'utf8');
    expect(page).toMatch(
      /<th scope="row"><a href="submissions\/alice\/report.html">alice<\/a><\/th><td>2\/2<\/td>/,
    );
    expect(page).toMatch(
      /<th scope="row"><a href="submissions\/bob\/report.html">bob<\/a><\/th><td>0\/2<\/td>/,
    );
  });

  it('writes the HTML report again for a submission graded before, so no link goes nowhere', async () => {
    const report = grades('submissions', 'bob', 'report.html');
    const graded = statSync(grades('submissions', 'bob', 'report.json')).mtimeMs;
    rmSync(report);
    const again = await grade();
    expect(again.exitCode, again.stderr).toBe(0);
    // Kept from the first grading, not graded again: the page is written from the kept report.
    expect(statSync(grades('submissions', 'bob', 'report.json')).mtimeMs).toBe(graded);
    expect(existsSync(report)).toBe(true);
    for (const link of links()) expect(existsSync(link.file), link.href).toBe(true);
  }, 60_000);

  it('has a class page after a merge of shards graded with it, every link to an existing report', async () => {
    for (const shard of ['1/2', '2/2']) {
      const part = await runIn(course, [
        'grade',
        'class',
        '--out',
        `part${shard[0]}`,
        '--shard',
        shard,
        '--reporter',
        'html',
      ]);
      expect(part.exitCode, part.stderr).toBe(0);
    }
    const merged = await runIn(course, ['grade', 'merge', 'part1', 'part2', '--out', 'merged']);
    expect(merged.exitCode, merged.stderr).toBe(0);
    const found = links('merged');
    // The rows, then the problems table's links to bob, the one with a diagnosed problem.
    const summary = JSON.parse(readFileSync(join(course, 'merged', 'summary.json'), 'utf8')) as ClassReport;
    expect(summary.problems.map((problem) => problem.submissions)).toEqual([['bob']]);
    expect(found.filter((link) => link.fragment === undefined).map((link) => link.href)).toEqual([
      'submissions/alice/report.html',
      'submissions/bob/report.html',
      'submissions/bob/report.html',
    ]);
    for (const link of found) expect(existsSync(link.file), link.href).toBe(true);
  }, 60_000);
});
