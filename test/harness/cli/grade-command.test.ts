import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.js';
import type { ClassReport } from '../../../harness/results/class-report.js';
import type { RunReport } from '../../../harness/results/run-report.js';
import { processesMentioning } from '../../support/processes.js';
import { runIn, type PlainRun } from '../../support/run-conform.js';
import { fixture, hasJavac, pythonExecutable } from '../../support/toolchains.js';

// The course's first server binds 2000; its copies here bind a port of their own, fixed the same way,
// so that this test and the others that run the seed server never race for 2000.
let fixedPort: number;
/** The class's size: two Java submissions join it where javac is installed. */
const size = hasJavac ? 9 : 7;
/** Every course folder made, removed once the file is done. */
const courses: string[] = [];

beforeAll(async () => {
  fixedPort = await getPort({ host: '127.0.0.1' });
});

afterAll(() => {
  for (const course of courses) rmSync(course, { recursive: true, force: true });
});

function zip(course: string, name: string, entries: Record<string, string>): void {
  const script =
    'import sys, zipfile, json\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for k, v in json.loads(sys.argv[2]).items(): z.writestr(k, v)';
  execFileSync(pythonExecutable(), ['-c', script, join(course, 'class', name), JSON.stringify(entries)]);
}

/**
 * A new course folder with its config, and a class of submissions as a grader gets them: Python
 * servers on a port of their own, two copies of the course's first server on one fixed port, one
 * that does not compile, one that hangs, a zipped folder, and a zip that tries to write outside
 * itself. Each test that grades or changes a class has one of its own, so no test depends on another.
 */
function newCourse(): string {
  const course = mkdtempSync(join(tmpdir(), 'conform-grade-'));
  courses.push(course);
  mkdirSync(join(course, 'class', 'alice'), { recursive: true });
  copyFileSync(fixture('echo/correct/threads_echo_server.py'), join(course, 'class', 'alice', 'server.py'));
  const seed = readFileSync(fixture('echo/seed_echo_server.py'), 'utf8');
  expect(seed).toContain("s.bind(('0.0.0.0', 2000))");
  for (const id of ['bob', 'carol']) {
    mkdirSync(join(course, 'class', id), { recursive: true });
    writeFileSync(join(course, 'class', id, 'server.py'), seed.replace('2000', String(fixedPort)));
  }
  mkdirSync(join(course, 'class', 'erin'));
  writeFileSync(
    join(course, 'class', 'erin', 'server.py'),
    'import socket, sys\ns = socket.socket()\ns.bind(("127.0.0.1", int(sys.argv[1])))\ns.listen()\nclients = []\nwhile True:\n    clients.append(s.accept())\n',
  );
  mkdirSync(join(course, 'class', 'frank'));
  writeFileSync(join(course, 'class', 'frank', 'server.py'), 'def broken(:\n');
  zip(course, 'gina.zip', {
    'gina/server.py': readFileSync(fixture('echo/correct/asyncio_echo_server.py'), 'utf8'),
    '__MACOSX/gina/._server.py': '',
  });
  if (hasJavac) {
    // A Java server in a Python class: the course starts whichever of its files a submission has.
    const java = readFileSync(fixture('echo/correct/EchoServer.java'), 'utf8').replaceAll(
      'EchoServer',
      'Server',
    );
    mkdirSync(join(course, 'class', 'hana'));
    writeFileSync(join(course, 'class', 'hana', 'Server.java'), java);
    mkdirSync(join(course, 'class', 'ivan'));
    writeFileSync(
      join(course, 'class', 'ivan', 'Server.java'),
      java.replace('public static void main', 'public static void main('),
    );
  }
  zip(course, 'mallory.zip', { '../escaped.py': 'print(1)\n', 'server.py': 'print(1)\n' });
  writeFileSync(
    join(course, 'conform.config.json'),
    JSON.stringify({
      suite: 'echo',
      start: { firstOf: ['server.py', 'Server.java'] },
      build: [
        'sh',
        '-c',
        `if [ -f server.py ]; then ${pythonExecutable()} -m py_compile server.py; else javac Server.java; fi`,
      ],
      only: ['echo.accept', 'echo.single-message', 'echo.sequential-clients'],
      points: { 'echo.sequential-clients': 2 },
      timeout: 20_000,
      // Room for a Java server started from source on a busy machine; the hanging server uses it all.
      submissionTimeout: 15_000,
    }),
  );
  return course;
}

function conform(course: string, args: readonly string[]): Promise<PlainRun> {
  return runIn(course, args);
}

function readJson<T>(course: string, ...path: string[]): T {
  return JSON.parse(readFileSync(join(course, ...path), 'utf8')) as T;
}

function statuses(report: ClassReport, id: string): string {
  const grade = report.submissions.find((entry) => entry.id === id);
  return report.testIds.map((test) => grade?.tests[test]?.status.slice(0, 1) ?? '?').join('');
}

describe('conform grade', () => {
  // Graded once, for the tests below, which only read what it wrote.
  let graded: string;
  let first: PlainRun;
  let summary: ClassReport;

  beforeAll(async () => {
    graded = newCourse();
    first = await conform(graded, [
      'grade',
      'class',
      '--out',
      'grades',
      '--workers',
      '2',
      '--reporter',
      'junit',
    ]);
    summary = readJson<ClassReport>(graded, 'grades', 'summary.json');
  }, 120_000);

  it('grades every submission and exits 0, even when students fail', () => {
    expect(first.stderr).not.toContain('conform:');
    expect(first.exitCode).toBe(0);
    expect(summary.submissions.map((grade) => grade.id)).toEqual([
      'alice',
      'bob',
      'carol',
      'erin',
      'frank',
      'gina',
      ...(hasJavac ? ['hana', 'ivan'] : []),
      'mallory',
    ]);
    expect(processesMentioning(graded)).toEqual([]);
  });

  it('grades servers on one fixed port exactly as if each ran alone', () => {
    // p(assed) or f(ailed) per test id; s: not selected by the course.
    const alone = 'ppsssssfssss';
    expect(statuses(summary, 'bob')).toBe(alone);
    expect(statuses(summary, 'carol')).toBe(alone);
    const bob = readJson<RunReport>(graded, 'grades', 'submissions', 'bob', 'report.json');
    expect(bob.target.port).toBe(fixedPort);
    const sequential = bob.tests.find((test) => test.id === 'echo.sequential-clients');
    // Refused, or reset when it reached the listen queue just before the server exited.
    expect(sequential?.failure?.message).toMatch(/c2 could not connect|the server reset c2's connection/);
  });

  it('grades them the same with --isolate off, one at a time on the port, saying once what that gives up', async () => {
    const course = newCourse();
    for (const entry of ['bob', 'carol']) {
      cpSync(join(course, 'class', entry), join(course, 'lanes', entry), { recursive: true });
    }
    const config = JSON.parse(readFileSync(join(course, 'conform.config.json'), 'utf8')) as object;
    // The command line's --isolate overrides the config's.
    writeFileSync(join(course, 'lanes.config.json'), JSON.stringify({ ...config, isolate: 'on' }));
    const run = await conform(course, [
      'grade',
      'lanes',
      '--config',
      'lanes.config.json',
      '--out',
      'lanes-grades',
      '--isolate',
      'off',
      '-q',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe(
      "conform: isolation is off: servers are not isolated and their files are not confined, so a submission can read and change the other submissions' files and the grades\n",
    );
    const lanes = readJson<ClassReport>(course, 'lanes-grades', 'summary.json');
    expect(statuses(lanes, 'bob')).toBe(statuses(summary, 'bob'));
    expect(statuses(lanes, 'carol')).toBe(statuses(summary, 'carol'));
    const bob = readJson<RunReport>(course, 'lanes-grades', 'submissions', 'bob', 'report.json');
    expect(bob.sandbox?.isolation).not.toBe('network and pid namespaces');
    expect(processesMentioning(course)).toEqual([]);
  }, 120_000);

  it('gives a correct server, zipped or not, in Python or Java, every point', () => {
    for (const id of ['alice', 'gina', ...(hasJavac ? ['hana'] : [])]) {
      const grade = summary.submissions.find((entry) => entry.id === id);
      expect(grade, id).toMatchObject({ status: 'passed', score: 4, maxScore: 4 });
    }
  });

  it('marks a submission that does not build as errors of kind build, with the compiler output', () => {
    const frank = readJson<RunReport>(graded, 'grades', 'submissions', 'frank', 'report.json');
    const tested = frank.tests.filter((test) => test.status !== 'skipped');
    expect(tested.map((test) => [test.status, test.failure?.kind])).toEqual([
      ['error', 'build'],
      ['error', 'build'],
      ['error', 'build'],
    ]);
    expect(frank.tests[0]?.failure?.serverOutputTail?.stderr).toContain('SyntaxError');
    expect(summary.submissions.find((entry) => entry.id === 'frank')).toMatchObject({
      status: 'error',
      errorKind: 'build',
      score: 0,
      maxScore: 4,
    });
  });

  it.skipIf(!hasJavac)(
    "marks a Java submission that does not compile as errors of kind build, with javac's words",
    () => {
      const ivan = readJson<RunReport>(graded, 'grades', 'submissions', 'ivan', 'report.json');
      expect(ivan.tests[0]?.failure?.kind).toBe('build');
      expect(ivan.tests[0]?.failure?.serverOutputTail?.stderr).toMatch(/Server\.java:\d+: error/);
    },
  );

  it('cuts off a submission that hangs at its budget, keeping the tests it finished', () => {
    const erin = readJson<RunReport>(graded, 'grades', 'submissions', 'erin', 'report.json');
    const byId = new Map(erin.tests.map((test) => [test.id, test]));
    expect(byId.get('echo.accept')?.status).toBe('passed');
    expect(byId.get('echo.single-message')?.failure?.kind).toBe('budget');
    expect(byId.get('echo.sequential-clients')?.failure?.message).toMatch(/time budget of 15 s/);
  });

  it('refuses a zip with a path out of its folder, and writes nothing outside', () => {
    const mallory = readJson<RunReport>(graded, 'grades', 'submissions', 'mallory', 'report.json');
    expect(mallory.tests[0]?.failure?.kind).toBe('build');
    expect(mallory.tests[0]?.failure?.message).toMatch(/mallory\.zip cannot be unpacked safely/);
    expect(() => readFileSync(join(graded, 'grades', 'submissions', 'mallory', 'escaped.py'))).toThrow();
  });

  it('writes grades.csv, the matrix, and the selected formats for each submission', () => {
    const csv = readFileSync(join(graded, 'grades', 'grades.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'submission,echo.accept,echo.single-message,echo.stream,echo.binary,echo.large,echo.backpressure,echo.half-close,echo.sequential-clients,echo.concurrent-clients,echo.many-clients,echo.idle-client,echo.client-reset,score,max_score,status,error_kind',
    );
    expect(csv).toContain('bob,1,1,,,,,,0,,,,,2,4,failed,');
    // A build that failed judged no test: its cells are empty, not 0.
    expect(csv).toContain(`frank${','.repeat(13)}0,4,error,build`);
    expect(first.stdout).toMatch(/^bob {8,}✓ {2}✓ {2}- .* {5}2\/4 {2}failed$/m);
    expect(readFileSync(join(graded, 'grades', 'matrix.txt'), 'utf8')).toContain(
      hasJavac
        ? '9 submissions: 3 passed, 2 failed, 4 with errors'
        : '7 submissions: 2 passed, 2 failed, 3 with errors',
    );
    expect(readFileSync(join(graded, 'grades', 'submissions', 'alice', 'junit.xml'), 'utf8')).toContain(
      '<testcase classname="echo" name="echo.accept"',
    );
    expect(first.stderr).toMatch(new RegExp(`^\\[\\d/${size}\\] frank {2}0/4 {2}error \\(build\\)`, 'm'));
  });
});

describe('conform grade, run again into the same folder', () => {
  it('keeps what was graded with the same config, and grades a changed submission or --force again', async () => {
    const course = newCourse();
    // Two of the class, quick to grade: one that passes, and one that does not build until it is changed.
    for (const entry of ['alice', 'frank']) {
      cpSync(join(course, 'class', entry), join(course, 'pair', entry), { recursive: true });
    }
    const first = await conform(course, ['grade', 'pair', '--out', 'grades', '-q']);
    expect(first.exitCode).toBe(0);
    const summary = readJson<ClassReport>(course, 'grades', 'summary.json');
    expect(summary.submissions.map((grade) => [grade.id, grade.status])).toEqual([
      ['alice', 'passed'],
      ['frank', 'error'],
    ]);
    const again = await conform(course, ['grade', 'pair', '--out', 'grades', '-q']);
    expect(again.exitCode).toBe(0);
    expect(readJson<ClassReport>(course, 'grades', 'summary.json')).toEqual(summary);
    writeFileSync(
      join(course, 'pair', 'frank', 'server.py'),
      readFileSync(fixture('echo/correct/threads_echo_server.py')),
    );
    const changed = await conform(course, ['grade', 'pair', '--out', 'grades']);
    expect(changed.stderr).toContain('grading 2 submissions (1 already graded with this config: kept)');
    expect(
      readJson<ClassReport>(course, 'grades', 'summary.json').submissions.find(
        (entry) => entry.id === 'frank',
      )?.status,
    ).toBe('passed');
    const forced = await conform(course, ['grade', 'pair', '--out', 'grades', '--force']);
    expect(forced.stderr.split('\n')[0]).toBe('grading 2 submissions');
    expect(forced.stderr.match(/^\[\d\/2\] /gm)).toHaveLength(2);
    expect(forced.stderr).not.toContain('(kept)');
    expect(processesMentioning(course)).toEqual([]);
  }, 90_000);
});

describe('conform grade, split into shards', () => {
  it('merges 3 shards into the same grades as one run', async () => {
    const course = newCourse();
    // The class less its slow members: a hang and Java are graded above.
    for (const entry of ['alice', 'bob', 'carol', 'frank', 'gina.zip', 'mallory.zip']) {
      cpSync(join(course, 'class', entry), join(course, 'small', entry), { recursive: true });
    }
    const whole = await conform(course, ['grade', 'small', '--out', 'whole', '-q']);
    expect(whole.exitCode).toBe(0);
    for (const index of [1, 2, 3]) {
      expect(
        (await conform(course, ['grade', 'small', '--out', `shard${index}`, '--shard', `${index}/3`, '-q']))
          .exitCode,
      ).toBe(0);
    }
    const parts = [1, 2, 3].map((index) => readJson<ClassReport>(course, `shard${index}`, 'summary.json'));
    expect(parts.map((part) => part.shard)).toEqual(['1/3', '2/3', '3/3']);
    expect(parts.flatMap((part) => part.submissions.map((grade) => grade.id)).sort()).toEqual(
      readJson<ClassReport>(course, 'whole', 'summary.json').submissions.map((grade) => grade.id),
    );
    const merged = await conform(course, ['grade', 'merge', 'shard1', 'shard2', 'shard3', '--out', 'merged']);
    expect(merged.exitCode).toBe(0);
    const timeless = (report: ClassReport) => ({
      ...report,
      submissions: report.submissions.map((grade) => ({ ...grade, durationMs: 0 })),
    });
    expect(timeless(readJson<ClassReport>(course, 'merged', 'summary.json'))).toEqual(
      timeless(readJson<ClassReport>(course, 'whole', 'summary.json')),
    );
    expect(readFileSync(join(course, 'merged', 'grades.csv'), 'utf8')).toBe(
      readFileSync(join(course, 'whole', 'grades.csv'), 'utf8'),
    );
    expect(readJson<RunReport>(course, 'merged', 'submissions', 'alice', 'report.json').summary.score).toBe(
      4,
    );
    expect(processesMentioning(course)).toEqual([]);
  }, 180_000);
});

describe('conform grade with bad usage exits 2', () => {
  it.each([
    [['grade', 'nowhere'], 'conform: no such folder: nowhere (give the folder that holds the submissions)\n'],
    [
      ['grade', 'class', '--shard', '4/3'],
      'conform: Expected `--shard` to be i/n with 1 <= i <= n, like 2/3, got `4/3`\n',
    ],
    [
      ['grade', 'class', '--config', 'none.json'],
      'conform: no such config file: none.json (check --config)\n',
    ],
    [['grade', 'class', '--reporter', 'junti'], 'conform: unknown reporter `junti`: did you mean `junit`?\n'],
    [
      ['grade', 'class', '--isolate', 'maybe'],
      'conform: Expected `--isolate` to be one of auto, on, off, got `maybe`\n',
    ],
    [['grade', 'class', '--bogus'], "conform: unknown option '--bogus' (see conform grade --help)\n"],
    [['grade'], "conform: missing required argument 'dir' (see conform grade --help)\n"],
    [['grade', 'merge', '--bogus'], "conform: unknown option '--bogus' (see conform grade merge --help)\n"],
    [
      ['grade', 'merge', 'class'],
      'conform: class holds no summary.json: give the --out folders of conform grade runs\n',
    ],
  ])('%j', async (args, message) => {
    const run = await conform(newCourse(), args);
    expect(run.stderr).toBe(message);
    expect(run.exitCode).toBe(2);
  });
});

describe('conform grade --isolate on', () => {
  it('grades nothing, and exits 3, where servers cannot be isolated', async () => {
    const course = newCourse();
    let stderr = '';
    const exitCode = await main({
      argv: ['grade', 'class', '--out', 'never-graded', '--isolate', 'on'],
      // Only /proc can see a network namespace's sockets: on any other platform there is no isolation.
      env: { ...process.env, NO_COLOR: '1', CONFORM_PLATFORM: 'port-only' },
      cwd: course,
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      signal: new AbortController().signal,
    });
    expect(stderr).toMatch(/^conform: --isolate on: servers cannot be isolated here: .+\n$/);
    expect(exitCode).toBe(3);
    expect(existsSync(join(course, 'never-graded'))).toBe(false);
  });
});

describe('conform grade, stopped by Ctrl-C', () => {
  it('stops every submission, leaves nothing running, and keeps only what was graded to the end', async () => {
    const course = newCourse();
    const stopped = join(course, 'stopped');
    mkdirSync(join(stopped, 'alice'), { recursive: true });
    copyFileSync(fixture('echo/correct/threads_echo_server.py'), join(stopped, 'alice', 'server.py'));
    mkdirSync(join(stopped, 'erin'), { recursive: true });
    copyFileSync(join(course, 'class', 'erin', 'server.py'), join(stopped, 'erin', 'server.py'));
    const controller = new AbortController();
    let stderr = '';
    const exitCode = await main({
      argv: ['grade', 'stopped', '--out', 'stopped-grades', '--workers', '2'],
      env: { ...process.env, NO_COLOR: '1' },
      cwd: course,
      stdout: { write: () => true, isTTY: false },
      stderr: {
        write: (text: string) => {
          stderr += text;
          // Ctrl-C once alice is graded, while erin's server still hangs.
          if (/\[1\/2\] alice/.test(stderr)) controller.abort(new Error('stopped by SIGINT'));
          return true;
        },
        isTTY: false,
      },
      signal: controller.signal,
    });
    expect(exitCode).toBe(130);
    expect(processesMentioning(stopped)).toEqual([]);
    const erin = readJson<RunReport>(course, 'stopped-grades', 'submissions', 'erin', 'report.json');
    expect(erin.tests.some((test) => test.failure?.kind === 'interrupted')).toBe(true);
    // The grades so far are kept apart from grades.csv, and said to be incomplete.
    const out = join(course, 'stopped-grades');
    expect(existsSync(join(out, 'grades.csv'))).toBe(false);
    expect(readFileSync(join(out, 'grades.incomplete.csv'), 'utf8')).toMatch(/^submission,/);
    expect(readJson<{ interrupted?: boolean }>(course, 'stopped-grades', 'summary.json').interrupted).toBe(
      true,
    );
    // A budget of its own (not part of what a grading is kept by): erin hangs until it runs out.
    const again = await conform(course, [
      'grade',
      'stopped',
      '--out',
      'stopped-grades',
      '--submission-timeout',
      '3000',
    ]);
    expect(again.stderr).toContain('grading 2 submissions (1 already graded with this config: kept)');
    expect(again.stderr).toMatch(/\] erin {2}\d\/4 {2}error \(budget\)/);
    // Finished: the class's grades.csv, and the incomplete one gone.
    expect(existsSync(join(out, 'grades.csv'))).toBe(true);
    expect(existsSync(join(out, 'grades.incomplete.csv'))).toBe(false);
    expect(
      readJson<{ interrupted?: boolean }>(course, 'stopped-grades', 'summary.json').interrupted,
    ).toBeUndefined();
  }, 60_000);
});
