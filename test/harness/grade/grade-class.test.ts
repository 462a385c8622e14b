import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveGradeConfig } from '../../../harness/config/resolve-grade-config.js';
import { gradeClass } from '../../../harness/grade/grade-class.js';
import { fixedWorkers } from '../../../harness/grade/worker-policy.js';
import type { RunReport } from '../../../harness/results/run-report.js';
import { plainFailure } from '../../../harness/runner/failure-report.js';
import { notRunReport } from '../../../harness/runner/not-run-report.js';
import { echoSuite } from '../../../suites/echo/index.js';

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

/** How alice's conform was called, by a conform that only says so. */
async function argsGiven(): Promise<string> {
  await gradeClass(config(), {
    conform: ['sh', '-c', 'echo "$@" >&2', 'conform'],
    env: { PATH: process.env.PATH ?? '' },
    signal: new AbortController().signal,
    conformVersion: '0.0.0-test',
  });
  return readFileSync(join(course, 'grades', 'submissions', 'alice', 'output.txt'), 'utf8');
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
    expect(report.summary).toMatchObject({ submissions: 2, errors: 0, notGraded: 2 });
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

  it("runs as many of each submission's tests at once as there are cores, unless the course config sets jobs", async () => {
    const jobsGiven = async (): Promise<string | undefined> => /--jobs (\d+)/.exec(await argsGiven())?.[1];
    const configFile = join(course, 'conform.config.json');
    const plain = readFileSync(configFile, 'utf8');
    try {
      expect(await jobsGiven()).toBe(String(availableParallelism()));
      writeFileSync(configFile, JSON.stringify({ ...(JSON.parse(plain) as object), jobs: 1 }));
      expect(await jobsGiven()).toBe('1');
    } finally {
      writeFileSync(configFile, plain);
    }
  });

  it("hides the class, the grades, the course's folder and the grader's home from the servers", async () => {
    const hidden = [...(await argsGiven()).matchAll(/--hide (\S+)/g)].map((match) => match[1]);
    expect(hidden).toEqual([join(course, 'class'), join(course, 'grades'), course, homedir()]);
  });

  it('grades from the report its conform gave on stdout, and keeps it only while it is, byte for byte, the one it wrote', async () => {
    const given = join(course, 'given-report.json');
    const runs = join(course, 'runs');
    writeFileSync(
      given,
      JSON.stringify(
        notRunReport({
          suite: echoSuite,
          suiteName: 'echo',
          seed: 1,
          target: 'server.py',
          failure: plainFailure('build', 'not run: the build failed'),
          selection: { only: ['echo.accept'], skip: [] },
        }),
      ),
    );
    // A conform that gives that report, counts its runs, and leaves a report.json of its own making
    // where the report is kept (it runs in the work copy, inside that folder).
    const io = {
      conform: [
        'sh',
        '-c',
        `echo run >> ${runs}; cat ${given}; echo '{"tests": []}' > ../report.json`,
        'conform',
      ],
      env: { PATH: process.env.PATH ?? '' },
      signal: new AbortController().signal,
      conformVersion: '0.0.0-test',
    };
    const first = await gradeClass({ ...config(), force: true }, io);
    expect(first.submissions.map((grade) => grade.errorKind)).toEqual(['build', 'build']);
    const kept = join(course, 'grades', 'submissions', 'alice', 'report.json');
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({ summary: { errors: 1 } });

    await gradeClass(config(), io);
    expect(readFileSync(runs, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);

    // A report rewritten since (by anyone but conform) is not kept: alice is graded again.
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('"errors": 1', '"errors": 0'));
    const third = await gradeClass(config(), io);
    expect(readFileSync(runs, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(third.submissions[0]?.errorKind).toBe('build');
    rmSync(runs);
  });

  it('grades again first the submission whose last grading took longest', async () => {
    const runs = join(course, 'order');
    const io = {
      // A conform that notes which submission it grades (it runs in that submission's work copy).
      conform: ['sh', '-c', `pwd >> ${runs}`, 'conform'],
      env: { PATH: process.env.PATH ?? '' },
      signal: new AbortController().signal,
      conformVersion: '0.0.0-test',
    };
    const order = async (): Promise<string[]> => {
      rmSync(runs, { force: true });
      await gradeClass({ ...config(), workers: fixedWorkers(1), force: true }, io);
      return readFileSync(runs, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => /\/submissions\/([^/]+)\//.exec(line)?.[1] ?? line);
    };
    const lastTook = (id: string, durationMs: number): void => {
      const folder = join(course, 'grades', 'submissions', id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'report.json'), JSON.stringify({ durationMs }));
    };
    lastTook('alice', 2_000);
    lastTook('bob', 90_000);
    expect(await order()).toEqual(['bob', 'alice']);
    lastTook('alice', 90_000);
    lastTook('bob', 2_000);
    expect(await order()).toEqual(['alice', 'bob']);
    rmSync(runs);
  });

  it("refuses a submission whose file is a link into a classmate's folder, saying which link", async () => {
    const eve = join(course, 'class', 'eve');
    mkdirSync(eve);
    symlinkSync(join(course, 'class', 'alice', 'server.py'), join(eve, 'server.py'));
    try {
      const report = await gradeClass(
        { ...config(), force: true },
        {
          conform: ['sh', '-c', 'exit 3', 'conform'],
          env: { PATH: process.env.PATH ?? '' },
          signal: new AbortController().signal,
          conformVersion: '0.0.0-test',
        },
      );
      const grade = report.submissions.find((entry) => entry.id === 'eve');
      expect(grade?.errorKind).toBe('build');
      const eveReport = JSON.parse(
        readFileSync(join(course, 'grades', 'submissions', 'eve', 'report.json'), 'utf8'),
      ) as RunReport;
      expect(eveReport.tests[0]?.failure?.message).toBe(
        `not run: server.py is a link to ${join(course, 'class', 'alice', 'server.py')}, outside the submission: a submission is graded on its own files (replace the link by the file itself)`,
      );
    } finally {
      rmSync(eve, { recursive: true, force: true });
      rmSync(join(course, 'grades', 'submissions', 'eve'), { recursive: true, force: true });
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

describe('--workers', () => {
  const workersOf = (workers: string | undefined) =>
    resolveGradeConfig(
      'class',
      { out: 'grades', workers },
      { cwd: course, version: '0.0.0-test', env: {}, stdoutIsTTY: false },
    ).workers;

  it('fixes the count when given a number', () => {
    expect(workersOf('3')).toMatchObject({ min: 3, max: 3 });
  });

  it("by default (or auto) begins at one a core and may grow to six a core, each needing its servers' memory limits", () => {
    const cores = availableParallelism();
    for (const given of [undefined, 'auto']) {
      expect(workersOf(given)).toMatchObject({
        min: cores,
        max: 6 * cores,
        // A server's 1024 MiB for each of its tests run at once (as many as cores), and conform's 256.
        memoryPerWorkerBytes: (1024 * cores + 256) * 1024 * 1024,
      });
    }
  });

  it('refuses anything else in one line that says what it takes', () => {
    expect(() => workersOf('many')).toThrow(
      'Expected `--workers` to be a positive whole number, or auto, got `many`',
    );
  });
});
