import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveGradeConfig } from '../../../harness/config/resolve-grade-config.js';
import { gradeClass } from '../../../harness/grade/grade-class.js';

let course: string;

beforeAll(() => {
  course = mkdtempSync(join(tmpdir(), 'conform-grade-class-'));
  for (const id of ['alice', 'bob']) {
    mkdirSync(join(course, 'class', id), { recursive: true });
    writeFileSync(join(course, 'class', id, 'server.py'), 'print(1)\n');
  }
  writeFileSync(
    join(course, 'conform.config.json'),
    JSON.stringify({ start: 'server.py', only: ['echo.accept'] }),
  );
});

afterAll(() => rmSync(course, { recursive: true, force: true }));

function config() {
  return resolveGradeConfig(
    'class',
    { out: 'grades', workers: '2' },
    {
      cwd: course,
      version: '0.0.0-test',
      env: {},
      stdoutIsTTY: false,
    },
  );
}

describe('gradeClass', () => {
  it('marks a submission whose conform ended without a report as not graded, with its last words', async () => {
    const report = await gradeClass(config(), {
      // A conform that dies at once, as a crash or an out-of-memory kill would leave it.
      conform: ['sh', '-c', 'echo "fatal: out of memory" >&2; exit 134', 'conform'],
      env: { PATH: process.env.PATH ?? '' },
      signal: new AbortController().signal,
      conformVersion: '0.0.0-test',
    });
    expect(report.summary).toMatchObject({ submissions: 2, errors: 2, notGraded: 2 });
    const alice = report.submissions[0];
    expect(alice).toMatchObject({
      id: 'alice',
      status: 'error',
      errorKind: 'internal',
      graded: false,
      maxScore: 1,
    });
    // Not kept: the next grading tries again.
    expect(existsSync(join(course, 'grades', 'submissions', 'alice', 'graded.json'))).toBe(false);
    expect(existsSync(join(course, 'grades', 'submissions', 'alice', 'report.json'))).toBe(true);
  });

  it("runs each submission's tests one at a time, unless the course config sets jobs", async () => {
    const jobsGiven = async (): Promise<string | undefined> => {
      await gradeClass(config(), {
        // A conform that only says how it was called.
        conform: ['sh', '-c', 'echo "$@"', 'conform'],
        env: { PATH: process.env.PATH ?? '' },
        signal: new AbortController().signal,
        conformVersion: '0.0.0-test',
      });
      const output = readFileSync(join(course, 'grades', 'submissions', 'alice', 'output.txt'), 'utf8');
      return /--jobs (\d+)/.exec(output)?.[1];
    };
    const configFile = join(course, 'conform.config.json');
    const plain = readFileSync(configFile, 'utf8');
    try {
      expect(await jobsGiven()).toBe('1');
      writeFileSync(configFile, JSON.stringify({ ...(JSON.parse(plain) as object), jobs: 4 }));
      expect(await jobsGiven()).toBe('4');
    } finally {
      writeFileSync(configFile, plain);
    }
  });

  it('grades nothing, and says so, once stopped before it starts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by SIGINT'));
    const report = await gradeClass(config(), {
      conform: ['sh', '-c', 'exit 0', 'conform'],
      env: {},
      signal: controller.signal,
      conformVersion: '0.0.0-test',
    });
    expect(report.submissions.map((grade) => grade.errorKind)).toEqual(['interrupted', 'interrupted']);
  });
});
