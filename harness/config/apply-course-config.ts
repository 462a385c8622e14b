import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { suites } from '../../suites/index.js';
import type { Suite } from '../runner/suite.js';
import { ConfigError } from './config-error.js';
import { unknownSuite } from './suite-source.js';
import type { LoadedCourseConfig } from './course-config.js';
import { defaults } from './defaults.js';
import type { BuildStep, RawOptions } from './resolve-config.js';

/** A suite by the name --suite takes, or the one loaded from the file or package it named. */
export function resolveSuite(name: string, loaded?: Suite): Suite {
  if (loaded !== undefined) return loaded;
  const suite = suites.get(name);
  if (suite === undefined) throw unknownSuite(name, [...suites.keys()], '');
  return suite;
}

/** The config file's values under the command line's: a flag given overrides the file. */
export function withCourseDefaults(raw: RawOptions, course: LoadedCourseConfig | undefined): RawOptions {
  if (course === undefined) return raw;
  const file = course.config;
  const text = (value: number | undefined): string | undefined =>
    value === undefined ? undefined : String(value);
  const fromFile: RawOptions = {
    suite: file.suite,
    only: file.only,
    skip: file.skip,
    seed: text(file.seed),
    runs: text(file.runs),
    timeout: text(file.timeout),
    startupTimeout: text(file.startupTimeout),
    shrinkTime: text(file.shrinkTime),
    port: text(file.port),
    jobs: text(file.jobs),
    reporter: file.reporters,
    memory: text(file.memory),
    maxProcs: text(file.maxProcs),
    cpuTime: text(file.cpuTime),
    openFiles: text(file.openFiles),
    disk: text(file.disk),
    expose: file.expose?.map((folder) =>
      resolve(dirname(course.file), folder.replace(/^~(?=\/|$)/, homedir())),
    ),
    isolate: file.isolate,
    env:
      file.env === undefined
        ? undefined
        : Object.entries(file.env).map(([name, value]) => `${name}=${value}`),
    passEnv: file.passEnv,
  };
  const given = Object.fromEntries(
    Object.entries(raw).filter(
      ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
  return {
    ...Object.fromEntries(Object.entries(fromFile).filter(([, value]) => value !== undefined)),
    ...given,
  };
}

/** The server from the command line, or else the config file's `start` ({dir} is the working folder). */
export function targetFrom(
  target: { readonly target: string | undefined; readonly command: readonly string[] },
  course: LoadedCourseConfig | undefined,
  cwd: string,
): { readonly target: string | undefined; readonly command: readonly string[] } {
  const start = course?.config.start;
  if (target.target !== undefined || target.command.length > 0 || start === undefined) return target;
  if (typeof start === 'string') return { target: start, command: [] };
  if ('firstOf' in start) {
    const found = start.firstOf.find((file) => existsSync(resolve(cwd, file)));
    if (found === undefined) {
      throw new ConfigError(
        `none of ${start.firstOf.join(', ')} is here: the server must be in one of them (\`start\` in the config file)`,
      );
    }
    return { target: found, command: [] };
  }
  return { target: undefined, command: start.map((word) => word.replaceAll('{dir}', cwd)) };
}

export function buildFrom(
  raw: RawOptions,
  course: LoadedCourseConfig | undefined,
  cwd: string,
): BuildStep | undefined {
  const command = course?.config.build;
  if (command === undefined || raw.build === false) return undefined;
  return {
    command: command.map((word) => word.replaceAll('{dir}', cwd)),
    timeoutMs: course?.config.buildTimeout ?? defaults.buildTimeoutMs,
  };
}
