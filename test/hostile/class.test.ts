import { createHash } from 'node:crypto';
import { execa } from 'execa';
import {
  copyFileSync,
  existsSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSandbox } from '../../harness/config/resolve-sandbox.js';
import type { ClassReport } from '../../harness/results/class-report.js';
import type { RunReport } from '../../harness/results/run-report.js';
import { Sandbox } from '../../harness/supervisor/sandbox/sandbox.js';
import { otherUser, type OtherUser } from '../support/other-user.js';
import { processesMentioning } from '../support/processes.js';
import { repoRoot } from '../support/run-conform.js';
import { fixture } from '../support/toolchains.js';
import { assertBuilt } from './conform-child.js';

// A class of two correct servers and of submissions that each try one attack on the grading, as a
// student who wants a better grade would: on a classmate's source, report and grades, through a link,
// on the grader's environment and processes, the disk, the grader's home, conform's install and /tmp.

/** A variable of the grader's shell, standing for a CI job's token. */
const secretName = 'CONFORM_TEST_SECRET';
const secret = 'do-not-print-me-4711';
const classmates = ['alice', 'bob'];
const attackers: Readonly<Record<string, string>> = {
  'mallory-overwrites': 'overwrites_classmates.py',
  'mallory-reads': 'reads_classmates.py',
  'mallory-reads-grader': 'reads_grader.py',
  'mallory-rewrites': 'rewrites_reports.py',
  'mallory-writes': 'writes_outside.py',
  'mallory-fills': 'fills_disk.py',
};

interface Course {
  readonly folder: string;
  /** The package of the conform that grades it: what a submission may try to write into. */
  readonly install: string;
  readonly home: string;
  readonly classDir: string;
  readonly grades: string;
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function makeCourse(isolate: 'on' | 'auto', owner: OtherUser | undefined): Course {
  const folder = mkdtempSync(join(tmpdir(), 'conform-hostile-class-'));
  const home = join(folder, 'home');
  const classDir = join(folder, 'class');
  const grades = join(folder, 'grades');
  const install = owner === undefined ? repoRoot : dirname(dirname(owner.conform));
  mkdirSync(home);
  writeFileSync(join(home, '.bashrc'), 'export PS1=grader\n');
  const correct = ['echo/correct/threads_echo_server.py', 'echo/correct/asyncio_echo_server.py'];
  classmates.forEach((id, index) => {
    mkdirSync(join(classDir, id), { recursive: true });
    copyFileSync(fixture(correct[index] as string), join(classDir, id, 'server.py'));
  });
  const targets = {
    sources: classmates.map((id) => join(classDir, id, 'server.py')),
    results: classmates.map((id) => join(grades, 'submissions', id)),
    class: classDir,
    home,
    install,
    secret: secretName,
  };
  for (const [id, file] of Object.entries(attackers)) {
    mkdirSync(join(classDir, id));
    copyFileSync(fixture(`hostile/class/${file}`), join(classDir, id, 'server.py'));
    copyFileSync(fixture('hostile/class/attempts.py'), join(classDir, id, 'attempts.py'));
    writeFileSync(join(classDir, id, 'targets.json'), JSON.stringify(targets));
  }
  // A git repository can carry a link: this one is a classmate's server, by its absolute path.
  mkdirSync(join(classDir, 'mallory-links'));
  symlinkSync(join(classDir, 'alice', 'server.py'), join(classDir, 'mallory-links', 'server.py'));
  writeFileSync(
    join(folder, 'conform.config.json'),
    JSON.stringify({
      suite: 'echo',
      start: 'server.py',
      only: ['echo.accept', 'echo.single-message'],
      disk: 16,
      isolate,
      submissionTimeout: 60_000,
    }),
  );
  if (owner !== undefined) {
    for (const path of walk(folder)) lchownSync(path, owner.uid, owner.gid);
  }
  return { folder, install, home, classDir, grades };
}

function walk(folder: string): string[] {
  return [
    folder,
    ...readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)],
    ),
  ];
}

/** Every file a correct classmate, the grader or conform has, as digests: none may change. */
function untouchable(course: Course): Record<string, string> {
  const files = [
    ...classmates.map((id) => join(course.classDir, id, 'server.py')),
    join(course.home, '.bashrc'),
    join(course.install, 'package.json'),
  ];
  return Object.fromEntries(files.map((path) => [path, digest(path)]));
}

async function grade(course: Course, user: OtherUser | undefined) {
  const env = { HOME: course.home, [secretName]: secret, NO_COLOR: '1' };
  const args = ['grade', 'class', '--out', 'grades', '--workers', '4'];
  return user === undefined
    ? execa(process.execPath, [join(repoRoot, 'bin', 'conform.js'), ...args], {
        cwd: course.folder,
        env: { PATH: process.env.PATH ?? '', ...env },
        extendEnv: false,
        reject: false,
        timeout: 240_000,
      })
    : execa(
        'runuser',
        [
          '-u',
          user.name,
          '--',
          'env',
          ...Object.entries({ PATH: user.path, ...env }).map(([k, v]) => `${k}=${v}`),
          process.execPath,
          user.conform,
          ...args,
        ],
        { cwd: course.folder, extendEnv: false, reject: false, timeout: 240_000 },
      );
}

function report(course: Course, id: string): RunReport {
  return JSON.parse(readFileSync(join(course.grades, 'submissions', id, 'report.json'), 'utf8')) as RunReport;
}

/** What an attacker printed, as its report shows it: every test's server output, once. */
function printed(course: Course, id: string): string {
  const tails = report(course, id).tests.map((test) => test.failure?.serverOutputTail?.stdout ?? '');
  return [...new Set(tails)].join('\n');
}

const root = process.getuid?.() === 0;
const here = Sandbox.prepare(resolveSandbox({}, { env: process.env, cwd: tmpdir() }));
const cannotConfine =
  here.confined && here.isolated ? undefined : (here.report.note ?? 'servers cannot be confined here');

/** Each way conform may run here: as root and as a normal user, with --isolate on and auto. */
const ways: { title: string; isolate: 'on' | 'auto'; user: boolean; skip: string | undefined }[] = [
  { title: 'as root, isolate on', isolate: 'on', user: false, skip: root ? cannotConfine : 'it needs root' },
  {
    title: 'as root, isolate auto',
    isolate: 'auto',
    user: false,
    skip: root ? cannotConfine : 'it needs root',
  },
  { title: 'as a normal user, isolate on', isolate: 'on', user: true, skip: undefined },
  { title: 'as a normal user, isolate auto', isolate: 'auto', user: true, skip: undefined },
];

describe('a class with hostile submissions', () => {
  beforeAll(assertBuilt);

  for (const way of ways) {
    const user = way.user ? otherUser() : undefined;
    const skip = way.skip ?? (typeof user === 'string' ? user : undefined);
    describe.skipIf(skip !== undefined)(
      `${way.title}${skip === undefined ? '' : ` (skipped: ${skip})`}`,
      () => {
        let course: Course;
        let before: Record<string, string>;
        let run: Awaited<ReturnType<typeof grade>>;
        const runner = typeof user === 'string' ? undefined : user;

        beforeAll(async () => {
          course = makeCourse(way.isolate, runner);
          before = untouchable(course);
          run = await grade(course, runner);
        }, 300_000);

        afterAll(() => {
          rmSync(course.folder, { recursive: true, force: true });
          rmSync('/tmp/conform-shared', { force: true });
        });

        it('grades the class, and the correct classmates pass with their files, reports and grades untouched', () => {
          expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
          expect(untouchable(course)).toEqual(before);
          const summary = JSON.parse(
            readFileSync(join(course.grades, 'summary.json'), 'utf8'),
          ) as ClassReport;
          for (const id of classmates) {
            expect(summary.submissions.find((entry) => entry.id === id)).toMatchObject({
              status: 'passed',
              score: 2,
            });
            expect(report(course, id).summary).toMatchObject({ passed: 2, failed: 0, errors: 0 });
            // The report is, byte for byte, the one conform wrote.
            const folder = join(course.grades, 'submissions', id);
            const stamp = JSON.parse(readFileSync(join(folder, 'graded.json'), 'utf8')) as { report: string };
            expect(digest(join(folder, 'report.json'))).toBe(stamp.report);
          }
          expect(readFileSync(join(course.grades, 'grades.csv'), 'utf8')).toMatch(
            /^alice,1,1,.*,2,2,passed,$/m,
          );
          expect(processesMentioning(course.folder)).toEqual([]);
        });

        it("reaches no classmate's source, and the report says what it tried", () => {
          const said = printed(course, 'mallory-overwrites');
          for (const id of classmates) {
            expect(said).toContain(`tried to overwrite ${join(course.classDir, id, 'server.py')}: refused`);
          }
        });

        it("reaches no classmate's report or grade", () => {
          const said = printed(course, 'mallory-rewrites');
          expect(said).toMatch(/tried to rewrite .*alice\/report\.json: refused/);
          expect(said).not.toMatch(/: done/);
        });

        it('is not graded as the classmate its link leads to', () => {
          const failure = report(course, 'mallory-links').tests[0]?.failure;
          expect(failure?.kind).toBe('build');
          expect(failure?.message).toBe(
            `not run: server.py is a link to ${join(course.classDir, 'alice', 'server.py')}, outside the submission: a submission is graded on its own files (replace the link by the file itself)`,
          );
        });

        it("reads no classmate's file, and sees an empty home of its own", () => {
          const said = printed(course, 'mallory-reads');
          expect(said).toContain(
            `tried to read ${join(course.classDir, 'alice', 'server.py')}: refused (No such file or directory)`,
          );
          expect(said).toContain(`tried to list ${course.classDir}: refused (No such file or directory)`);
          expect(said).toContain('tried to list its home: done ([])');
        });

        it("never gets the grader's environment, nor sees the machine's processes", () => {
          const said = printed(course, 'mallory-reads-grader');
          expect(said).toContain(`tried to read $${secretName}: not set`);
          const seen = Number(/the other processes: (\d+) seen/.exec(said)?.[1]);
          // The namespace's shell, its watch on conform, the connector: none of the machine's.
          expect(seen).toBeLessThanOrEqual(3);
          for (const id of [...classmates, ...Object.keys(attackers), 'mallory-links']) {
            expect(readFileSync(join(course.grades, 'submissions', id, 'report.json'), 'utf8')).not.toContain(
              secret,
            );
          }
        });

        it('is stopped at the disk limit, and the failure names it', () => {
          const failure = report(course, 'mallory-fills').tests[0]?.failure;
          expect(failure?.message).toMatch(
            /wrote all it may write, 16 MiB across its folder, \/tmp and home \(--disk\)/,
          );
        });

        it("writes into neither the grader's home, conform's install, nor a /tmp its classmates share", () => {
          const said = printed(course, 'mallory-writes');
          // Its home and its /tmp are its own: what it writes there ends with it.
          expect(said).toContain(`tried to write ${course.home}/.bashrc: done`);
          expect(said).toContain('tried to write /tmp/conform-shared: done');
          expect(said).toContain(
            `tried to write ${course.install}/package.json: refused (Read-only file system)`,
          );
          expect(readFileSync(join(course.home, '.bashrc'), 'utf8')).toBe('export PS1=grader\n');
          expect(existsSync('/tmp/conform-shared')).toBe(false);
        });

        it('keeps every grade when graded again, from reports that are still its own', async () => {
          const again = await grade(course, runner);
          expect(again.exitCode, again.stderr).toBe(0);
          expect(again.stderr).toMatch(/9 already graded with this config: kept/);
          for (const id of classmates) expect(report(course, id).summary).toMatchObject({ passed: 2 });
        });
      },
    );
  }

  // The same attack where nothing confines the servers: it works, so the runs above show a protection.
  describe.skipIf(!root)(`with --isolate off${root ? '' : ' (skipped: it needs root)'}`, () => {
    it("a submission overwrites a classmate's source, though it never gets the grader's environment", async () => {
      const course = makeCourse('auto', undefined);
      try {
        const config = join(course.folder, 'conform.config.json');
        writeFileSync(config, readFileSync(config, 'utf8').replace('"isolate":"auto"', '"isolate":"off"'));
        for (const id of readdirSync(course.classDir)) {
          if (!['alice', 'mallory-overwrites', 'mallory-reads-grader'].includes(id)) {
            rmSync(join(course.classDir, id), { recursive: true });
          }
        }
        const run = await grade(course, undefined);
        expect(run.exitCode, run.stderr).toBe(0);
        expect(printed(course, 'mallory-overwrites')).toContain(
          `tried to overwrite ${join(course.classDir, 'alice', 'server.py')}: done`,
        );
        expect(readFileSync(join(course.classDir, 'alice', 'server.py'), 'utf8')).toBe(
          'import sys\nsys.exit(1)\n',
        );
        expect(printed(course, 'mallory-reads-grader')).toContain(`tried to read $${secretName}: not set`);
      } finally {
        rmSync(course.folder, { recursive: true, force: true });
      }
    });
  });
});
