import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processesMentioning } from '../../support/processes.js';
import { idsWith, runConform } from '../../support/run-conform.js';
import { fixture, hasGcc } from '../../support/toolchains.js';

// A course folder: a submission's files, and the course's conform.config.json beside them.
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'conform-course-'));
  copyFileSync(fixture('echo/correct/threads_echo_server.py'), join(folder, 'server.py'));
});

afterEach(() => {
  expect(processesMentioning(folder)).toEqual([]);
  rmSync(folder, { recursive: true, force: true });
});

function course(config: object): void {
  writeFileSync(join(folder, 'conform.config.json'), JSON.stringify(config));
}

const conform = (args: readonly string[]) => runConform(args, { cwd: folder });

describe('conform with a course config file', () => {
  it('takes the suite, the server, the selection, the seed and the points from conform.config.json', async () => {
    course({
      start: 'server.py',
      only: ['echo.accept', 'echo.single-message', 'echo.binary'],
      skip: ['echo.binary'],
      seed: 1234,
      points: { 'echo.*': 2, 'echo.single-message': 0.5 },
    });
    const run = await conform([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.seed).toBe(1234);
    expect(idsWith(run.report, 'passed')).toEqual(['echo.accept', 'echo.single-message']);
    expect(run.report?.summary).toMatchObject({ score: 2.5, maxScore: 2.5 });
    expect(run.report?.tests.find((test) => test.id === 'echo.binary')?.maxScore).toBe(2);
  });

  it('lets command-line flags override the file', async () => {
    course({ start: 'server.py', only: ['echo.accept'], seed: 1234 });
    const run = await conform(['--seed', '99', '--only', 'echo.single-message']);
    expect(run.report?.seed).toBe(99);
    expect(idsWith(run.report, 'passed')).toEqual(['echo.single-message']);
  });

  it('reads the file --config names, and runs a start command with {dir} in the submission folder', async () => {
    const other = join(folder, 'course.json');
    writeFileSync(
      other,
      JSON.stringify({ start: ['python3', '{dir}/server.py', '{port}'], only: ['echo.accept'] }),
    );
    const run = await conform(['--config', other]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.target.command).toBe(`-- python3 ${folder}/server.py {port}`);
  });

  it('refuses an unknown test id in points, naming the closest one (exit 2)', async () => {
    course({ start: 'server.py', points: { 'echo.stram': 3 } });
    const run = await conform([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'conform: `points` in conform.config.json names `echo.stram`, which matches no test of suite echo: did you mean `echo.stream`?\n',
    );
  });

  it.skipIf(!hasGcc)('runs the build step first, then the program it made', async () => {
    copyFileSync(fixture('echo/correct/poll_echo_server.c'), join(folder, 'server.c'));
    course({
      build: ['gcc', '-D_GNU_SOURCE', '-o', 'server', 'server.c'],
      start: './server',
      only: ['echo.accept', 'echo.stream'],
    });
    const run = await conform([]);
    expect(run.stdout).toContain('2 passed, 0 failed');
    expect(run.exitCode).toBe(0);
  });

  it.skipIf(!hasGcc)(
    "marks every test `error`, kind build, with the compiler's output, when the build fails",
    async () => {
      writeFileSync(join(folder, 'server.c'), 'int main(void) { return missing_function(; }\n');
      course({ build: ['gcc', '-o', 'server', 'server.c'], start: './server', points: { 'echo.large': 3 } });
      const run = await conform([]);
      expect(run.exitCode).toBe(3);
      expect(idsWith(run.report, 'error')).toHaveLength(12);
      const failure = run.report?.tests[0]?.failure;
      expect(failure?.kind).toBe('build');
      expect(failure?.message).toMatch(
        /^not run: the build `gcc -o server server.c` failed: it exited with code 1$/,
      );
      expect(failure?.serverOutputTail?.stderr).toContain('server.c:1');
      expect(run.report?.summary).toMatchObject({ errors: 12, score: 0, maxScore: 14 });
      // Explained once, with the compiler's words.
      expect(run.stdout.match(/What failed/g)).toHaveLength(1);
      expect(run.stdout).toContain('Build stderr (last lines)');
    },
  );

  it('stops a build at its time limit, with everything it started', async () => {
    course({
      build: ['sh', '-c', `sleep 30 & sleep 30; echo ${folder}`],
      buildTimeout: 300,
      start: 'server.py',
    });
    const run = await conform(['--only', 'echo.accept']);
    expect(run.exitCode).toBe(3);
    expect(run.report?.tests[0]?.failure?.message).toContain('did not finish within 0.3 s');
  });

  it('skips the build with --no-build', async () => {
    course({ build: ['false'], start: 'server.py', only: ['echo.accept'] });
    expect((await conform(['--no-build'])).exitCode).toBe(0);
  });

  it("writes the file's reporters", async () => {
    course({
      start: 'server.py',
      only: ['echo.accept'],
      reporters: ['junit=out/junit.xml', 'tap=out/report.tap'],
    });
    const run = await conform([]);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(folder, 'out/junit.xml'), 'utf8')).toContain(
      '<testcase classname="echo" name="echo.accept"',
    );
    expect(readFileSync(join(folder, 'out/report.tap'), 'utf8')).toMatch(/^TAP version 14\n1\.\.12\n/);
  });
});
