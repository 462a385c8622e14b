import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import schema from '../../../harness/config/config.schema.json' with { type: 'json' };
import { readConfigFile } from '../../../harness/config/read-config-file.js';
import { processesMentioning } from '../../support/processes.js';
import { repoRoot, runIn, type PlainRun } from '../../support/run-conform.js';
import { fixture, pythonExecutable } from '../../support/toolchains.js';
import { runBin } from '../../support/run-bin.js';

let folder: string;
/** A folder whose `conform` runs this checkout's conform, as `npm install -g` would put it on PATH. */
let bin: string;

const courseConfig = {
  suite: 'echo',
  start: 'server.py',
  build: ['python3', '-m', 'py_compile', 'server.py'],
  only: ['echo.accept', 'echo.single-message'],
  timeout: 20_000,
  submissionTimeout: 5000,
};

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'conform-init-'));
  bin = join(folder, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'conform'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'bin', 'conform.js')}" "$@"\n`,
    {
      mode: 0o755,
    },
  );
  writeFileSync(join(folder, 'conform.config.json'), JSON.stringify(courseConfig));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function conform(args: readonly string[], cwd = folder): Promise<PlainRun> {
  return runIn(cwd, args);
}

interface GradescopeResults {
  score: number;
  output: string;
  tests?: { name: string; score: number; max_score: number; status: string; output: string }[];
}

describe('conform init gradescope', () => {
  const bundle = () => join(folder, 'gradescope-autograder');

  beforeAll(async () => {
    const run = await conform(['init', 'gradescope']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  }, 120_000);

  it('writes setup.sh, run_autograder, the course config and conform itself', () => {
    for (const script of ['setup.sh', 'run_autograder']) {
      accessSync(join(bundle(), script), constants.X_OK);
      execFileSync('bash', ['-n', join(bundle(), script)]);
    }
    expect(JSON.parse(readFileSync(join(bundle(), 'conform.config.json'), 'utf8'))).toEqual(courseConfig);
    const setup = readFileSync(join(bundle(), 'setup.sh'), 'utf8');
    expect(setup).toContain('npm install -g ./conform-0.1.0.tgz');
    expect(setup).toContain('apt-get install -y ca-certificates curl iproute2 python3');
    accessSync(join(bundle(), 'conform-0.1.0.tgz'));
  });

  /** Gradescope's layout in a temporary folder: source/ is the bundle, submission/ the student's files. */
  async function autograde(
    server: string | undefined,
    conformBin = bin,
  ): Promise<{ results: GradescopeResults; printed: string }> {
    const root = mkdtempSync(join(folder, 'autograder-'));
    mkdirSync(join(root, 'source'));
    for (const file of ['run_autograder', 'conform.config.json'])
      copyFileSync(join(bundle(), file), join(root, 'source', file));
    mkdirSync(join(root, 'submission'));
    if (server !== undefined) writeFileSync(join(root, 'submission', 'server.py'), server);
    const result = await execa('bash', [join(root, 'source', 'run_autograder')], {
      env: {
        AUTOGRADER_ROOT: root,
        PATH: `${conformBin}:${join(pythonExecutable(), '..')}:${process.env.PATH ?? ''}`,
      },
      timeout: 60_000,
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(processesMentioning(root)).toEqual([]);
    const results = JSON.parse(
      readFileSync(join(root, 'results', 'results.json'), 'utf8'),
    ) as GradescopeResults;
    return { results, printed: result.stdout };
  }

  it('grades a correct submission with every point', async () => {
    const { results, printed } = await autograde(
      readFileSync(fixture('echo/correct/threads_echo_server.py'), 'utf8'),
    );
    expect(results.score).toBe(2);
    expect(results.tests?.map((test) => [test.status, test.score, test.max_score])).toEqual([
      ['passed', 1, 1],
      ['passed', 1, 1],
    ]);
    // What it prints counts one submission as one, and names only a folder that is still there.
    expect(printed).toContain('grading 1 submission\n');
    expect(printed).toMatch(/^1 submission: 1 passed/m);
    const written = /^written to (.+): grades\.csv/m.exec(printed)?.[1] ?? '';
    expect(existsSync(join(written, 'grades.csv')), printed).toBe(true);
  }, 60_000);

  it('writes results.json for a submission that does not build, with the compiler output', async () => {
    const { results } = await autograde('def broken(:\n');
    expect(results.score).toBe(0);
    expect(results.tests?.map((test) => test.status)).toEqual(['failed', 'failed']);
    expect(results.tests?.[0]?.output).toContain('SyntaxError');
  }, 60_000);

  it('writes results.json for a submission that hangs, at its budget', async () => {
    const hangs =
      'import socket, sys\ns = socket.socket()\ns.bind(("127.0.0.1", int(sys.argv[1])))\ns.listen()\nclients = []\nwhile True:\n    clients.append(s.accept())\n';
    const { results } = await autograde(hangs);
    expect(results.tests?.map((test) => test.status)).toEqual(['passed', 'failed']);
    expect(results.tests?.[1]?.output).toContain('time budget of 5 s');
  }, 60_000);

  it('writes results.json even when conform itself cannot run', async () => {
    const broken = join(folder, 'broken-bin');
    mkdirSync(broken, { recursive: true });
    writeFileSync(
      join(broken, 'conform'),
      '#!/bin/sh\necho "conform: something went very wrong" >&2\nexit 3\n',
      { mode: 0o755 },
    );
    const { results } = await autograde('print(1)\n', broken);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/^conform could not grade this submission \(exit code 3\)/);
    expect(results.output).toContain('something went very wrong');
  }, 60_000);
});

describe('conform init github and gitlab', () => {
  interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    with?: Record<string, string>;
    env?: Record<string, string>;
  }
  type Workflow = { jobs: Record<string, { steps: Step[] }> };

  it('writes a workflow that installs conform from the repository and reports to GitHub', async () => {
    const repo = mkdtempSync(join(folder, 'repo-'));
    const run = await conform([
      'init',
      'github',
      '--config',
      join(folder, 'conform.config.json'),
      '--out',
      repo,
    ]);
    expect(run.exitCode).toBe(0);
    const workflow = parse(readFileSync(join(repo, '.github/workflows/conform.yml'), 'utf8')) as Workflow;
    const steps = workflow.jobs.conform?.steps ?? [];
    expect(steps.map((step) => step.uses ?? step.name)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Install the toolchain',
      'Install conform',
      'Test the server',
      'actions/upload-artifact@v4',
    ]);
    const install = steps.find((step) => step.name === 'Install conform')?.run ?? '';
    accessSync(join(repo, install.replace('npm install -g ./', '')));
    const test = steps.find((step) => step.name === 'Test the server')?.run ?? '';
    expect(test).toMatch(/--reporter github\b/);
    expect(test).toContain('--reporter junit=conform-results/junit.xml');
    expect(steps.at(-1)?.with?.path).toBe('conform-results/');
    expect(JSON.parse(readFileSync(join(repo, 'conform.config.json'), 'utf8'))).toEqual(courseConfig);
  }, 120_000);

  it('writes the Classroom workflow, whose conform step sets the result its reporter reads', async () => {
    const repo = mkdtempSync(join(folder, 'classroom-'));
    expect(
      (
        await conform([
          'init',
          'github',
          '--classroom',
          '--config',
          join(folder, 'conform.config.json'),
          '--out',
          repo,
        ])
      ).exitCode,
    ).toBe(0);
    const workflow = parse(readFileSync(join(repo, '.github/workflows/classroom.yml'), 'utf8')) as Workflow;
    const steps = workflow.jobs['run-autograding-tests']?.steps ?? [];
    const step = steps.find((entry) => entry.id === 'conform');
    const reporter = steps.find(
      (entry) => entry.uses === 'classroom-resources/autograding-grading-reporter@v1',
    );
    expect(reporter?.with?.runners).toBe('conform');
    expect(reporter?.env?.CONFORM_RESULTS).toBe('${{ steps.conform.outputs.result }}');
    // The step's command, run as the runner would, in a student's repository.
    copyFileSync(fixture('echo/correct/threads_echo_server.py'), join(repo, 'server.py'));
    const output = join(repo, 'github-output');
    writeFileSync(output, '');
    await execa('sh', ['-c', step?.run ?? 'false'], {
      cwd: repo,
      env: { GITHUB_OUTPUT: output, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
      timeout: 60_000,
    });
    const line = readFileSync(output, 'utf8').trim();
    expect(line).toMatch(/^result=/);
    const result = JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8')) as {
      version: number;
      status: string;
      max_score: number;
    };
    expect(result).toMatchObject({ version: 1, status: 'pass', max_score: 2 });
  }, 120_000);

  it('writes a GitLab job whose JUnit report is the file conform writes', async () => {
    const repo = mkdtempSync(join(folder, 'gitlab-'));
    expect(
      (await conform(['init', 'gitlab', '--config', join(folder, 'conform.config.json'), '--out', repo]))
        .exitCode,
    ).toBe(0);
    const pipeline = parse(readFileSync(join(repo, '.gitlab-ci.yml'), 'utf8')) as {
      conform: {
        script: string[];
        before_script: string[];
        artifacts: { when: string; reports: { junit: string } };
      };
    };
    const junit = pipeline.conform.artifacts.reports.junit;
    expect(pipeline.conform.script.join('\n')).toContain(`--reporter junit=${junit}`);
    expect(pipeline.conform.artifacts.when).toBe('always');
    const install = pipeline.conform.before_script.find((line) => line.startsWith('npm install -g ./')) ?? '';
    accessSync(join(repo, install.replace('npm install -g ./', '')));
  }, 120_000);

  it('refuses to replace files without --force, and an unknown platform', async () => {
    const repo = mkdtempSync(join(folder, 'again-'));
    expect(
      (await conform(['init', 'gitlab', '--config', join(folder, 'conform.config.json'), '--out', repo]))
        .exitCode,
    ).toBe(0);
    const again = await conform([
      'init',
      'gitlab',
      '--config',
      join(folder, 'conform.config.json'),
      '--out',
      repo,
    ]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(
      /^conform: .*\.gitlab-ci\.yml exists already: move it away, or give --force to replace it\n$/,
    );
    const unknown = await conform(['init', 'jenkins']);
    expect(unknown.stderr).toBe(
      'conform: unknown platform `jenkins`: choose one of config, gradescope, github, gitlab\n',
    );
    expect(unknown.exitCode).toBe(2);
  }, 120_000);
});

describe('conform init config', () => {
  it('writes a config to start from, with the schema beside it that an editor completes it from', async () => {
    const course = mkdtempSync(join(folder, 'course-'));
    const run = await conform(['init', 'config'], course);
    expect(run.exitCode).toBe(0);
    const config = JSON.parse(readFileSync(join(course, 'conform.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config.$schema).toBe('./conform.config.schema.json');
    expect(readConfigFile(join(course, 'conform.config.json'), course).config).toEqual(config);
    expect(JSON.parse(readFileSync(join(course, 'conform.config.schema.json'), 'utf8'))).toEqual(schema);
    const list = await conform(['--list'], course);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain('echo.stream');
  });
});

describe('conform init with a suite that has an oracle', () => {
  it("warns that a set-up in the students' repository carries the solution, and that Gradescope's does not", async () => {
    const course = mkdtempSync(join(folder, 'oracle-course-'));
    execFileSync('cp', ['-r', join(repoRoot, 'fixtures/suites/shout'), join(course, 'shout')]);
    writeFileSync(
      join(course, 'conform.config.json'),
      JSON.stringify({ suite: './shout/suite.ts', start: 'server.py' }),
    );
    const config = join(course, 'conform.config.json');
    const gitlab = await runBin(
      ['init', 'gitlab', '--config', config, '--out', join(course, 'repo')],
      course,
      {
        json: false,
      },
    );
    expect(gitlab.exitCode, gitlab.stderr).toBe(0);
    expect(gitlab.stderr.trim()).toBe(
      "conform: warning: the suite's oracle (node solution.mjs {port}) is its solution, and this set-up runs in the students' repository, where they can read it: grade with conform init gradescope to keep it from them",
    );
    const gradescope = await runBin(
      ['init', 'gradescope', '--config', config, '--out', join(course, 'autograder')],
      course,
      { json: false },
    );
    expect(gradescope.exitCode, gradescope.stderr).toBe(0);
    expect(gradescope.stderr).toBe('');
  }, 120_000);
});
