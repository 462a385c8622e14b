import { homedir } from 'node:os';
import { tagVariable } from '../supervisor/server-process.js';
import { ConfigError } from './config-error.js';

/**
 * What a server and a build get of conform's environment: what running a program needs, and nothing
 * else of the grader's (a CI job's tokens, a cloud key), which a server could print into its report.
 */
export const inheritedVariables = [
  'PATH',
  'HOME',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'JAVA_HOME',
];

/** Set by conform itself for each server. */
const reservedVariables = ['PORT', tagVariable];

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ServerEnvOptions {
  /** `NAME=value`, from --env or the config's `env`. */
  readonly env?: readonly string[];
  /** Names passed on from conform's own environment, from --pass-env or the config's `passEnv`. */
  readonly passEnv?: readonly string[];
}

/**
 * The environment every server and build starts with (conform adds PORT and its tag): the inherited
 * variables that are set, PYTHONUNBUFFERED so Python's output tail shows what happened up to a crash,
 * HOME always (the grader's path; a confined server sees a home of its own there), then the course's
 * own variables.
 */
export function resolveServerEnv(
  options: ServerEnvOptions,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of inheritedVariables) {
    const value = env[name];
    if (value !== undefined) result[name] = value;
  }
  result.HOME = env.HOME ?? homedir();
  result.PYTHONUNBUFFERED = '1';
  for (const name of options.passEnv ?? []) {
    checkName(name, '--pass-env', name);
    const value = env[name];
    if (value !== undefined) result[name] = value;
  }
  for (const entry of options.env ?? []) {
    const equals = entry.indexOf('=');
    const name = equals === -1 ? entry : entry.slice(0, equals);
    if (equals === -1) {
      throw new ConfigError(`Expected \`--env\` to be NAME=value, got \`${entry}\``);
    }
    checkName(name, '--env', entry);
    result[name] = entry.slice(equals + 1);
  }
  return result;
}

function checkName(name: string, flag: string, given: string): void {
  if (!namePattern.test(name)) {
    throw new ConfigError(
      `Expected \`${flag}\` to name a variable (letters, digits and _, not first a digit), got \`${given}\``,
    );
  }
  if (reservedVariables.includes(name)) {
    throw new ConfigError(`\`${flag}\` cannot set ${name}: conform sets it for each server itself`);
  }
}
