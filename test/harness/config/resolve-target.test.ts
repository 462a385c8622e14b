import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import { findExecutable } from '../../../harness/config/find-executable.js';
import { resolveTarget, shellQuote, type TargetInput } from '../../../harness/config/resolve-target.js';

const loader = 'file:///opt/conform/node_modules/tsx/dist/loader.mjs';
let root: string;
let work: string;
let bin: string;

/** A folder to run from, and a PATH holding only the interpreters each test needs. */
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-target-'));
  work = join(root, 'work');
  bin = join(root, 'bin');
  mkdirSync(work);
  mkdirSync(bin);
  for (const program of ['python3', 'java', 'sh']) file(join(bin, program), '#!/bin/sh\n', 0o755);
  file(join(bin, 'not-executable'), '#!/bin/sh\n', 0o644);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function file(path: string, text: string, mode: number): string {
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

/** Creates `name` in the working folder. */
function target(name: string, text = '', mode = 0o644): string {
  return file(join(work, name), text, mode);
}

function input(overrides: Partial<TargetInput>): TargetInput {
  return {
    target: undefined,
    command: [],
    cwd: work,
    path: bin,
    env: {},
    typescriptLoader: loader,
    ...overrides,
  };
}

function failure(overrides: Partial<TargetInput>): string {
  try {
    resolveTarget(input(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError, but the target was resolved');
}

describe('resolveTarget: a server file run by its extension', () => {
  it('runs a .py file with python3 and the port', () => {
    const path = target('server.py', 'print(1)\n');
    expect(resolveTarget(input({ target: 'server.py' }))).toEqual({
      file: 'python3',
      args: [path, '{port}'],
      display: 'server.py',
    });
  });

  it('finds the extension whatever its case', () => {
    const path = target('SERVER.PY');
    expect(resolveTarget(input({ target: 'SERVER.PY' })).args).toEqual([path, '{port}']);
  });

  it.each(['server.mjs', 'server.js', 'server.cjs'])('runs %s with this node', (name) => {
    const path = target(name);
    expect(resolveTarget(input({ target: name }))).toEqual({
      file: process.execPath,
      args: [path, '{port}'],
      display: name,
    });
  });

  it.each(['server.ts', 'server.mts', 'server.cts'])(
    'runs %s with node --import and the TypeScript loader',
    (name) => {
      const path = target(name);
      expect(resolveTarget(input({ target: name }))).toEqual({
        file: process.execPath,
        args: ['--import', loader, path, '{port}'],
        display: name,
      });
    },
  );

  it('runs a .jar with java -jar', () => {
    const path = target('server.jar');
    expect(resolveTarget(input({ target: 'server.jar' }))).toEqual({
      file: 'java',
      args: ['-jar', path, '{port}'],
      display: 'server.jar',
    });
  });

  it('runs a .java source file with java, and a .sh file with sh', () => {
    const java = target('EchoServer.java');
    const shell = target('run.sh');
    expect(resolveTarget(input({ target: 'EchoServer.java' })).args).toEqual([java, '{port}']);
    expect(resolveTarget(input({ target: 'run.sh' }))).toMatchObject({ file: 'sh', args: [shell, '{port}'] });
  });

  it('resolves a target given by an absolute path or from a subfolder', () => {
    mkdirSync(join(work, 'src'), { recursive: true });
    const path = target('src/app.py');
    expect(resolveTarget(input({ target: 'src/app.py' }))).toMatchObject({
      args: [path, '{port}'],
      display: 'src/app.py',
    });
    expect(resolveTarget(input({ target: path })).args).toEqual([path, '{port}']);
  });

  it('names the missing interpreter and the fix', () => {
    target('needs-python.py');
    expect(failure({ target: 'needs-python.py', path: '' })).toBe(
      'python3 is needed to run needs-python.py but was not found on PATH: install it, or give the command after --',
    );
  });
});

describe('resolveTarget: a server file with a shebang', () => {
  it('runs an executable file directly, with the port', () => {
    const path = target('server', '#!/usr/bin/env python3\nprint(1)\n', 0o755);
    expect(resolveTarget(input({ target: 'server' }))).toEqual({
      file: path,
      args: ['{port}'],
      display: 'server',
    });
  });

  it('runs an executable file directly even when its extension has a runner', () => {
    const path = target('tool.py', '#!/usr/bin/python3 -u\n', 0o755);
    expect(resolveTarget(input({ target: 'tool.py' }))).toMatchObject({ file: path, args: ['{port}'] });
  });

  it('runs a non-executable file with the interpreter its shebang names through env', () => {
    const path = target('serve', '#!/usr/bin/env python3\nprint(1)\n');
    expect(resolveTarget(input({ target: 'serve' }))).toEqual({
      file: 'python3',
      args: [path, '{port}'],
      display: 'serve',
    });
  });

  it('keeps the arguments of the shebang, and drops env -S', () => {
    const split = target('split.txt', '#!/usr/bin/env -S python3 -u\r\n');
    expect(resolveTarget(input({ target: 'split.txt' }))).toMatchObject({
      file: 'python3',
      args: ['-u', split, '{port}'],
    });
    const direct = target('direct', '#!/bin/sh -e\necho\n');
    expect(resolveTarget(input({ target: 'direct' }))).toMatchObject({
      file: '/bin/sh',
      args: ['-e', direct, '{port}'],
    });
  });

  it('prefers the shebang of a non-executable file to its extension', () => {
    const path = target('script.py', '#!/usr/bin/env sh\n');
    expect(resolveTarget(input({ target: 'script.py' }))).toMatchObject({
      file: 'sh',
      args: [path, '{port}'],
    });
  });

  it('names a shebang interpreter that is not installed', () => {
    target('server.rb', '#!/usr/bin/env ruby\n');
    expect(failure({ target: 'server.rb' })).toBe(
      'ruby is needed to run server.rb but was not found on PATH: install it, or give the command after --',
    );
  });

  it('runs an executable with no shebang (a compiled server) directly', () => {
    const path = target('a.out', '\u007fELF', 0o755);
    expect(resolveTarget(input({ target: 'a.out' }))).toEqual({
      file: path,
      args: ['{port}'],
      display: 'a.out',
    });
  });
});

describe('resolveTarget: mistakes, each with its fix', () => {
  it('a file that does not exist', () => {
    expect(failure({ target: 'nope.py' })).toBe(
      'no such file: nope.py (check the path, or give a command after --)',
    );
  });

  it('a directory', () => {
    mkdirSync(join(work, 'project'), { recursive: true });
    expect(failure({ target: 'project' })).toBe(
      "project is a directory: give the server's file, or a command after --",
    );
  });

  it('a non-executable file of a kind conform cannot run', () => {
    target('server.rs', 'fn main() {}\n');
    expect(failure({ target: 'server.rs' })).toBe(
      "server.rs is not executable and conform does not know how to run '.rs' files: chmod +x server.rs, or give the command after --",
    );
  });

  it('a non-executable file with no extension and no shebang', () => {
    target('server-binary', '\u007fELF');
    expect(failure({ target: 'server-binary' })).toBe(
      'server-binary is not executable: chmod +x server-binary, or give the command that runs it after --',
    );
  });

  it('both a file and a command', () => {
    target('both.py');
    expect(failure({ target: 'both.py', command: ['python3', 'both.py'] })).toBe(
      'give either a server file or a command after --, not both',
    );
  });

  it('neither a file nor a command', () => {
    expect(failure({})).toBe(
      'nothing to test: give a server file (conform ./server.py) or a command after -- (conform -- python3 server.py {port})',
    );
  });

  it('a command that is not on PATH', () => {
    expect(failure({ command: ['pyhton3', 'server.py', '{port}'] })).toBe(
      'command not found: pyhton3 (is it installed and on PATH?)',
    );
    expect(failure({ command: ['not-executable'] })).toBe(
      'command not found: not-executable (is it installed and on PATH?)',
    );
  });

  it('a command path that does not exist or cannot run', () => {
    expect(failure({ command: ['./build/server', '{port}'] })).toBe(
      './build/server does not exist or is not executable: check the path, or chmod +x it',
    );
    target('plain', '');
    expect(failure({ command: ['./plain'] })).toBe(
      './plain does not exist or is not executable: check the path, or chmod +x it',
    );
  });
});

describe('resolveTarget: a command after --', () => {
  it('runs the command as given and shows it as typed', () => {
    expect(resolveTarget(input({ command: ['python3', 'server.py', '{port}'] }))).toEqual({
      file: 'python3',
      args: ['server.py', '{port}'],
      display: '-- python3 server.py {port}',
    });
  });

  it('runs a command given by a path relative to the working folder', () => {
    target('run-me', '#!/bin/sh\n', 0o755);
    expect(resolveTarget(input({ command: ['./run-me', '--port={port}'] }))).toEqual({
      file: './run-me',
      args: ['--port={port}'],
      display: '-- ./run-me --port={port}',
    });
  });

  it('quotes what a shell would split', () => {
    expect(resolveTarget(input({ command: ['python3', 'my server.py', "it's", '$HOME', ''] })).display).toBe(
      `-- python3 'my server.py' 'it'\\''s' '$HOME' ''`,
    );
    expect(shellQuote('echo.stream/1/2:0')).toBe('echo.stream/1/2:0');
  });
});

describe('findExecutable', () => {
  it('searches PATH in order, skipping empty entries and files that cannot run', () => {
    const other = join(root, 'other');
    mkdirSync(other, { recursive: true });
    file(join(other, 'not-executable'), '#!/bin/sh\n', 0o755);
    expect(findExecutable('python3', `:${bin}:${other}`, work)).toBe(join(bin, 'python3'));
    expect(findExecutable('not-executable', `${bin}:${other}`, work)).toBe(join(other, 'not-executable'));
    expect(findExecutable('missing', `${bin}:${other}`, work)).toBeUndefined();
  });

  it('takes a name with a slash as a path from the working folder, not from PATH', () => {
    expect(findExecutable('bin/python3', '', root)).toBe(join(bin, 'python3'));
    expect(findExecutable('./python3', bin, root)).toBeUndefined();
  });
});

describe('resolveTarget and python3 behind a version manager', () => {
  it('asks python3 once for the interpreter it stands for, and runs that', () => {
    const shims = mkdtempSync(join(tmpdir(), 'conform-shim-'));
    try {
      const real = file(join(shims, 'python3.11'), '#!/bin/sh\n', 0o755);
      file(join(shims, 'python3'), `#!/bin/sh\necho ${real}\n`, 0o755);
      const path = target('shimmed.py', 'print(1)\n');
      expect(resolveTarget(input({ target: path, path: shims }))).toMatchObject({
        file: real,
        args: [path, '{port}'],
      });
    } finally {
      rmSync(shims, { recursive: true, force: true });
    }
  });

  it('does not ask python3 for an executable file, which runs by its shebang', () => {
    const shims = mkdtempSync(join(tmpdir(), 'conform-shim-'));
    try {
      const asked = join(shims, 'asked');
      file(join(shims, 'python3'), `#!/bin/sh\necho > ${asked}\n`, 0o755);
      const path = target('direct.py', '#!/usr/bin/env python3\nprint(1)\n', 0o755);
      expect(resolveTarget(input({ target: path, path: shims }))).toMatchObject({
        file: path,
        args: ['{port}'],
      });
      expect(existsSync(asked)).toBe(false);
    } finally {
      rmSync(shims, { recursive: true, force: true });
    }
  });
});
