import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  classReport,
  gradeOf,
  type ClassReport,
  type SubmissionGrade,
} from '../../../harness/results/class-report.js';
import type { TestResult, TestStatus } from '../../../harness/results/test-result.js';
import { classPage, submissionPage } from '../../../reports/html/class-page.js';
import { testAnchor } from '../../../reports/html/test-anchor.js';
import { failingTest, reportOf } from '../../support/sample-report.js';
import { hostile } from './report-data.js';

function test(id: string, status: TestStatus): TestResult {
  return {
    id,
    title: id,
    requirement: 'The server MUST work.',
    status,
    durationMs: 1,
    score: status === 'passed' ? 1 : 0,
    maxScore: 1,
  };
}

const odd = "o'neil #2 <b>";

function sampleClass(): ClassReport {
  return classReport({
    conformVersion: '0.1.0',
    suite: 'echo',
    seed: 7,
    testIds: ['echo.accept', 'echo.binary', 'echo.large'],
    shard: null,
    submissions: [
      gradeOf(
        'alice',
        reportOf([test('echo.accept', 'passed'), failingTest('echo.binary'), test('echo.large', 'skipped')]),
        'submissions/alice/report.json',
      ),
      gradeOf(odd, reportOf([test('echo.accept', 'passed')]), `submissions/${odd}/report.json`),
      gradeOf(hostile, reportOf([test('echo.accept', 'passed')]), 'submissions/h/report.json'),
    ],
  });
}

describe('the class page', () => {
  const page = classPage(sampleClass(), 'report.html');
  const alice = sampleClass().submissions.find((grade) => grade.id === 'alice') as SubmissionGrade;

  it('links each submission to its HTML report beside its JSON report, the path encoded', () => {
    expect(submissionPage(alice, 'report.html')).toBe('submissions/alice/report.html');
    expect(page).toContain('<th scope="row"><a href="submissions/alice/report.html">alice</a></th>');
    expect(page).toContain(
      `<a href="submissions/o&#39;neil%20%232%20%3Cb%3E/report.html">o&#39;neil #2 &lt;b&gt;</a>`,
    );
    expect(submissionPage({ ...alice, report: 'submissions\\win\\report.json' }, 'report.html')).toBe(
      'submissions/win/report.html',
    );
  });

  it('has a cell per submission and test, linking to that test in its report, readable without colour', () => {
    const cells = [
      ...page.matchAll(
        /<td class="cell status-(\w+)"><a href="([^"]*)" title="([^"]*)"><span aria-hidden="true">(.)<\/span>/g,
      ),
    ];
    const alice = cells.filter((cell) => cell[2]?.startsWith('submissions/alice/'));
    expect(alice.map((cell) => [cell[1], cell[2], cell[4]])).toEqual([
      ['passed', `submissions/alice/report.html#${testAnchor('echo.accept')}`, '✓'],
      ['failed', `submissions/alice/report.html#${testAnchor('echo.binary')}`, '✗'],
      ['skipped', `submissions/alice/report.html#${testAnchor('echo.large')}`, '–'],
    ]);
    expect(page).toContain('<span class="visually-hidden">alice, echo.binary: failed, 0/1</span>');
    // A test a submission has no result for is a dash, with nothing to link to.
    expect(page).toContain('<td class="cell"><span title="not run">–</span></td>');
    expect(page).toMatch(/<td class="status status-failed">✗ failed<\/td>/);
  });

  it('escapes submission names', () => {
    expect(page.split('<script').length - 1).toBe(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    const table = page.slice(page.indexOf('<table'), page.indexOf('</table>') + '</table>'.length);
    expect(XMLValidator.validate(table)).toBe(true);
  });

  it('gives every test id an anchor that is safe in a fragment and an id', () => {
    expect(testAnchor('echo.binary')).toBe('test-echo.binary');
    expect(testAnchor('chat.a b#"<')).toBe('test-chat.a_20_b_23__22__3c_');
  });
});
