import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../cli/package-root.js';
import type { IsolateMode, SandboxRequest, SandboxTools } from '../supervisor/sandbox/sandbox.js';
import { ConfigError } from './config-error.js';
import { defaultLimits } from '../supervisor/sandbox/server-limits.js';
import { findExecutable } from './find-executable.js';
import type { Environment, RawOptions } from './resolve-config.js';
import { readInteger } from './read-option.js';

/** The servers' limits as given or by default, and the programs found on PATH that enforce them. */
export function resolveSandbox(
  raw: RawOptions,
  environment: Pick<Environment, 'env' | 'cwd'> & { readonly typescriptLoader?: string },
): SandboxRequest {
  const limits = {
    memoryMb:
      readInteger('--memory', raw.memory, { min: 16, max: 1_048_576, expected: 'MiB from 16 to 1048576' }) ??
      defaultLimits.memoryMb,
    maxProcs:
      readInteger('--max-procs', raw.maxProcs, {
        min: 1,
        max: 100_000,
        expected: 'a count from 1 to 100000',
      }) ?? defaultLimits.maxProcs,
    cpuSeconds:
      readInteger('--cpu-time', raw.cpuTime, { min: 1, max: 86_400, expected: 'seconds from 1 to 86400' }) ??
      defaultLimits.cpuSeconds,
    openFiles:
      readInteger('--open-files', raw.openFiles, {
        min: 16,
        max: 1_048_576,
        expected: 'a count from 16 to 1048576',
      }) ?? defaultLimits.openFiles,
    diskMb:
      readInteger('--disk', raw.disk, { min: 1, max: 1_048_576, expected: 'MiB from 1 to 1048576' }) ??
      defaultLimits.diskMb,
  };
  const home = environment.env.HOME ?? homedir();
  const root = packageRoot()?.folder;
  return {
    limits,
    isolate: readIsolate(raw.isolate),
    tools: sandboxTools(environment),
    // The home HOME names, and the one the system knows conform's user by, where they differ.
    hide: [
      home,
      ownHome(),
      ...(raw.hide ?? []).map((folder) => namedFolder('--hide', folder, environment.cwd)),
    ],
    home,
    expose: [
      ...(root === undefined ? [] : [root]),
      ...loaderFolder(environment.typescriptLoader),
      ...(raw.expose ?? []).map((folder) => namedFolder('--expose', folder, environment.cwd)),
    ],
    searchPath: environment.env.PATH ?? '',
  };
}

function ownHome(): string {
  try {
    return userInfo().homedir;
  } catch {
    return homedir();
  }
}

/** A folder --hide or --expose names, which must be one. */
function namedFolder(flag: string, folder: string, cwd: string): string {
  const path = resolve(cwd, folder);
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new ConfigError(`Expected \`${flag}\` to be a folder, got \`${folder}\``);
  }
  return path;
}

/** The node_modules folder tsx is in, which a TypeScript server is run with. */
function loaderFolder(loader: string | undefined): string[] {
  if (loader === undefined || !loader.startsWith('file:')) return [];
  const path = fileURLToPath(loader);
  const at = path.lastIndexOf(`${sep}node_modules${sep}`);
  return at === -1 ? [] : [path.slice(0, at + `${sep}node_modules`.length)];
}

const isolateModes = ['auto', 'on', 'off'] as const;

function readIsolate(value: string | undefined): IsolateMode {
  if (value === undefined) return 'auto';
  const mode = isolateModes.find((entry) => entry === value);
  if (mode === undefined) {
    throw new ConfigError(`Expected \`--isolate\` to be one of ${isolateModes.join(', ')}, got \`${value}\``);
  }
  return mode;
}

function sandboxTools(environment: Pick<Environment, 'env' | 'cwd'>): SandboxTools {
  const path = environment.env.PATH ?? '';
  const find = (name: string): string | undefined =>
    // The sbin folders hold ip and friends, and are often missing from a user's PATH.
    findExecutable(name, `${path}:/usr/sbin:/sbin:/usr/bin:/bin`, environment.cwd);
  const tools: { -readonly [K in keyof SandboxTools]: SandboxTools[K] } = { sh: find('sh') ?? '/bin/sh' };
  for (const name of ['setpriv', 'unshare', 'prlimit', 'ip', 'perl'] as const) {
    const found = find(name);
    if (found !== undefined) tools[name] = found;
  }
  const python = find('python3');
  const interpreter = python === undefined ? undefined : connectorPython(python);
  if (interpreter !== undefined) tools.python = interpreter;
  return tools;
}

/**
 * The interpreter itself, not a version manager's shim in front of it (a shim costs each server's
 * start 100 ms or more), where it has socket.send_fds (Python 3.9), which the connector needs.
 */
function connectorPython(python: string): string | undefined {
  const check = spawnSync(python, ['-ISc', 'import socket, sys; socket.send_fds; print(sys.executable)'], {
    encoding: 'utf8',
    timeout: 5000,
  });
  const executable = check.stdout?.trim();
  return check.status === 0 && executable ? executable : undefined;
}
