import { execa } from 'execa';
import {
  access,
  copyFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '../support/processes.js';
import { repoRoot } from '../support/run-conform.js';

// Packs conform as npm publishes it, installs the tarball into a fresh prefix, and runs it from an
// unrelated folder, as a student would after `npm install -g`.
let folder: string;
let conform: string;
let work: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'conform-package-'));
  // npm test has just built dist/; packing without scripts keeps it from being rebuilt under other tests.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', folder, '--json'], {
    cwd: repoRoot,
    timeout: 120_000,
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const prefix = join(folder, 'prefix');
  await execa(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(folder, filename),
    ],
    { cwd: folder, timeout: 180_000 },
  );
  conform = join(prefix, 'bin', 'conform');
  work = join(folder, 'student');
  await execa('mkdir', [work]);
  await copyFile(join(repoRoot, 'fixtures/echo/correct/threads_echo_server.py'), join(work, 'server.py'));
  await copyFile(join(repoRoot, 'fixtures/echo/buggy/stream_first_recv_only.py'), join(work, 'buggy.py'));
}, 300_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The environment of a shell after `npm install -g`: conform on PATH, and no npm around it. */
function installedEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('npm_')) env[name] = value;
  }
  return { ...env, PATH: `${join(folder, 'prefix', 'bin')}:${process.env.PATH ?? ''}` };
}

const run = (args: readonly string[]) =>
  execa('conform', args, {
    cwd: work,
    reject: false,
    timeout: 120_000,
    env: installedEnv(),
    extendEnv: false,
  });

describe('the packed tarball', () => {
  it('installs only what runs: the compiled code, its launcher and the protocol documents', async () => {
    const installed = join(folder, 'prefix', 'lib', 'node_modules', 'conform');
    expect((await readdir(installed)).sort()).toEqual([
      'README.md',
      'bin',
      'dist',
      'docs',
      'node_modules',
      'package.json',
    ]);
    expect((await readdir(join(installed, 'dist'))).sort()).toEqual([
      'harness',
      'reference',
      'reports',
      'suites',
    ]);
  });

  it('lists the tests with the path of the protocol document as installed', async () => {
    const result = await run(['--list']);
    expect(result.exitCode, result.stderr).toBe(0);
    const installed = join(folder, 'prefix', 'lib', 'node_modules', 'conform');
    expect(result.stdout).toContain(`(protocol: ${join(installed, 'docs', 'protocols', 'echo.md')})`);
    await access(join(installed, 'docs', 'protocols', 'echo.md'));
  });

  it('runs `conform server.py` from a folder of its own, and passes a correct server', async () => {
    const result = await run(['server.py']);
    expect(result.stdout).toContain('12 passed, 0 failed');
    expect(result.exitCode).toBe(0);
    expect(processesMentioning(work)).toEqual([]);
  });

  it('fails a buggy server with a replay line, as the installed command, that works from the same folder', async () => {
    const result = await run(['buggy.py', '--only', 'echo.stream', '--seed', '1']);
    expect(result.exitCode).toBe(1);
    const replay = /Replay\s+conform (.+)$/m.exec(result.stdout)?.[1];
    expect(replay, result.stdout).toMatch(/^buggy\.py /);
    const again = await run(replay?.split(' ') ?? []);
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toContain('✗ echo.stream');
    expect(processesMentioning(work)).toEqual([]);
  });

  it('grades a class from a course folder of its own, each submission by the installed conform', async () => {
    const course = join(folder, 'course');
    for (const [id, file] of [
      ['alice', 'fixtures/echo/correct/threads_echo_server.py'],
      ['bob', 'fixtures/echo/buggy/sequential_exit_when_empty.py'],
    ] as const) {
      await mkdir(join(course, 'class', id), { recursive: true });
      await copyFile(join(repoRoot, file), join(course, 'class', id, 'server.py'));
    }
    await writeFile(
      join(course, 'conform.config.json'),
      JSON.stringify({ start: 'server.py', only: ['echo.accept', 'echo.sequential-clients'] }),
    );
    const result = await execa(conform, ['grade', 'class', '-q'], {
      cwd: course,
      reject: false,
      timeout: 120_000,
      env: { NO_COLOR: '1' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const csv = await readFile(join(course, 'conform-grades', 'grades.csv'), 'utf8');
    expect(csv).toMatch(/^alice,1,.*,2,2,passed,$/m);
    expect(csv).toMatch(/^bob,1,.*,1,2,failed,$/m);
    expect(processesMentioning(course)).toEqual([]);
  });

  it("gives a suite's author the public suite API, typed, by the package's name", async () => {
    const author = join(folder, 'author');
    await mkdir(join(author, 'node_modules'), { recursive: true });
    await symlink(
      join(folder, 'prefix', 'lib', 'node_modules', 'conform'),
      join(author, 'node_modules', 'conform'),
    );
    await writeFile(join(author, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      join(author, 'suite.ts'),
      [
        "import { defineSuite, fc, type ConformanceTest } from 'conform';",
        'const shout: ConformanceTest = {',
        "  id: 'upper.shout', title: 'a line comes back in capitals', policy: 'content',",
        "  requirement: 'The server MUST send back each line in capitals.',",
        '  async run(context) {',
        '    await context.property(fc.stringMatching(/^[a-z]{1,8}$/), async (run, word) => {',
        '      const client = await run.connect();',
        '      client.write(`${word}\\n`);',
        '      await client.expect(`${word.toUpperCase()}\\n`);',
        '    });',
        '  },',
        '};',
        "export default defineSuite({ name: 'upper', title: 'Upper', protocolDoc: 'upper.md', tests: [shout] });",
      ].join('\n'),
    );
    const typescript = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--skipLibCheck',
    ];
    const checked = await execa(process.execPath, [typescript, ...flags, 'suite.ts'], {
      cwd: author,
      reject: false,
    });
    expect(checked.exitCode, checked.stdout).toBe(0);
    const loaded = await execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { defineSuite } from 'conform'; defineSuite({ name: 'x', title: 'x', protocolDoc: '', tests: [] });",
      ],
      { cwd: author, reject: false },
    );
    expect(loaded.stderr).toContain('SuiteError: suite `x` has no tests');
  });

  it('runs an example suite, and serves its model, from a folder of its own', async () => {
    const course = join(folder, 'kv-course');
    await cp(join(repoRoot, 'examples', 'kv'), join(course, 'kv'), { recursive: true });
    const result = await execa(
      'conform',
      ['--suite', './kv/suite.ts', 'kv/correct/kv_server.py', '--only', 'kv.set-get'],
      { cwd: course, reject: false, timeout: 120_000, env: installedEnv(), extendEnv: false },
    );
    expect(result.stdout, result.stderr).toContain('1 passed, 0 failed');
    expect(result.exitCode).toBe(0);
    const listed = await execa('conform', ['--suite', './kv/suite.ts', '--list'], {
      cwd: course,
      reject: false,
      env: installedEnv(),
      extendEnv: false,
    });
    expect(listed.stdout).toContain(`(protocol: ${join(course, 'kv', 'protocol.md')})`);
    expect(processesMentioning(course)).toEqual([]);
  });

  it("runs an oracle suite from a folder of its own, its solution started in the suite's folder", async () => {
    const course = join(folder, 'rooms-course');
    await cp(join(repoRoot, 'examples', 'rooms'), join(course, 'rooms'), { recursive: true });
    const result = await execa(
      'conform',
      [
        '--suite',
        './rooms/suite.ts',
        '--only',
        'rooms.lobby',
        '--runs',
        '3',
        'rooms/correct/rooms_server.mjs',
      ],
      { cwd: course, reject: false, timeout: 120_000, env: installedEnv(), extendEnv: false },
    );
    expect(result.stdout, result.stderr).toContain('1 passed, 0 failed');
    expect(result.exitCode).toBe(0);
    expect(processesMentioning(course)).toEqual([]);
  });
});
