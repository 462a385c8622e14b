import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { findExecutable, isExecutableFile } from './find-executable.js';

/** How to run the server: a program, its arguments ({port} marks the port), and how to show it. */
export interface ResolvedTarget {
  readonly file: string;
  readonly args: readonly string[];
  readonly display: string;
}

export interface TargetInput {
  readonly target: string | undefined;
  readonly command: readonly string[];
  readonly cwd: string;
  readonly path: string;
  /** The environment the server will run in. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The module that runs TypeScript files (tsx), as a URL for `node --import`. */
  readonly typescriptLoader: string;
}

interface Runner {
  readonly program: string;
  readonly args: readonly string[];
}

function runnerFor(extension: string, input: TargetInput): Runner | undefined {
  switch (extension) {
    case '.py':
      return { program: 'python3', args: [] };
    case '.js':
    case '.mjs':
    case '.cjs':
      return { program: process.execPath, args: [] };
    case '.ts':
    case '.mts':
    case '.cts':
      return { program: process.execPath, args: ['--import', input.typescriptLoader] };
    case '.jar':
      return { program: 'java', args: ['-jar'] };
    case '.java':
      return { program: 'java', args: [] };
    case '.sh':
      return { program: 'sh', args: [] };
    default:
      return undefined;
  }
}

function readShebang(path: string): string[] | undefined {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    const length = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, length).toString('utf8');
    if (!text.startsWith('#!')) return undefined;
    const line = text.slice(2).split('\n')[0]?.trim() ?? '';
    const words = line.split(/\s+/).filter(Boolean);
    // `#!/usr/bin/env python3` runs python3; `#!/usr/bin/python3 -u` runs that path with -u.
    return words[0]?.endsWith('/env') ? words.slice(1).filter((word) => word !== '-S') : words;
  } finally {
    closeSync(fd);
  }
}

/** The program that runs the target, as it is to be started; throws when it is not installed. */
function requireProgram(program: string, input: TargetInput, forWhat: string): string {
  const found = findExecutable(program, input.path, input.cwd);
  if (found === undefined)
    throw new ConfigError(
      `${program} is needed to run ${forWhat} but was not found on PATH: install it, or give the command after --`,
    );
  return program.includes('/') ? found : program;
}

/** The program that runs the target, with python3 asked which interpreter it is (see pythonItself). */
function requireRunner(program: string, input: TargetInput, forWhat: string): string {
  const runner = requireProgram(program, input, forWhat);
  return /^python3?$/.test(program) ? (pythonItself(program, input) ?? runner) : runner;
}

/**
 * The interpreter `python3` stands for, asked of it once: a version manager's shim in front of it
 * (pyenv's is a shell script) would otherwise be paid at every restart of a server.
 */
function pythonItself(program: string, input: TargetInput): string | undefined {
  try {
    const path = execFileSync(program, ['-c', 'import sys; print(sys.executable)'], {
      cwd: input.cwd,
      env: { PATH: input.path, ...input.env },
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return isExecutableFile(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function resolveFile(target: string, input: TargetInput): ResolvedTarget {
  const path = resolve(input.cwd, target);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ConfigError(`no such file: ${target} (check the path, or give a command after --)`);
  }
  if (stats.isDirectory())
    throw new ConfigError(`${target} is a directory: give the server's file, or a command after --`);
  const executable = isExecutableFile(path);
  const shebang = readShebang(path);
  const withPort = (program: string, args: readonly string[]): ResolvedTarget => ({
    file: program,
    args: [...args, path, '{port}'],
    display: target,
  });
  if (shebang !== undefined && shebang.length > 0) {
    const [program, ...args] = shebang as [string, ...string[]];
    // The system runs an executable file by its shebang: the interpreter need only be installed.
    if (executable) {
      requireProgram(program, input, target);
      return { file: path, args: ['{port}'], display: target };
    }
    return withPort(requireRunner(program, input, target), args);
  }
  const runner = runnerFor(extname(path).toLowerCase(), input);
  if (runner !== undefined) return withPort(requireRunner(runner.program, input, target), runner.args);
  if (executable) return { file: path, args: ['{port}'], display: target };
  const extension = extname(path);
  throw new ConfigError(
    extension === ''
      ? `${target} is not executable: chmod +x ${target}, or give the command that runs it after --`
      : `${target} is not executable and conform does not know how to run '${extension}' files: chmod +x ${target}, or give the command after --`,
  );
}

function quote(word: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** How to start the server under test, from a target file or from a command given after `--`. */
export function resolveTarget(input: TargetInput): ResolvedTarget {
  if (input.target !== undefined && input.command.length > 0) {
    throw new ConfigError('give either a server file or a command after --, not both');
  }
  if (input.target !== undefined) return resolveFile(input.target, input);
  const [program, ...args] = input.command;
  if (program === undefined) {
    throw new ConfigError(
      'nothing to test: give a server file (conform ./server.py) or a command after -- (conform -- python3 server.py {port})',
    );
  }
  if (findExecutable(program, input.path, input.cwd) === undefined) {
    throw new ConfigError(
      program.includes('/')
        ? `${program} does not exist or is not executable: check the path, or chmod +x it`
        : `command not found: ${program} (is it installed and on PATH?)`,
    );
  }
  return { file: program, args, display: targetDisplay(input) };
}

/** The server as a person would type it: the file as given, or `-- ` and the command. */
export function targetDisplay(input: {
  readonly target: string | undefined;
  readonly command: readonly string[];
}): string {
  return input.target ?? `-- ${input.command.map(quote).join(' ')}`;
}

export { quote as shellQuote };
