import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import { resolveServerEnv } from '../../../harness/config/resolve-server-env.js';

const grader = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/grader',
  LANG: 'C.UTF-8',
  TZ: 'Europe/Paris',
  GITHUB_TOKEN: 'ghs_secret',
  AWS_SECRET_ACCESS_KEY: 'secret',
  NODE_OPTIONS: '--require /home/grader/hook.js',
  JAVA_TOOL_OPTIONS: '-Xmx64m',
  UNSET: undefined,
};

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the environment servers and builds start with', () => {
  it("keeps what running a program needs and nothing else of the grader's", () => {
    expect(resolveServerEnv({}, grader)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/grader',
      LANG: 'C.UTF-8',
      TZ: 'Europe/Paris',
      PYTHONUNBUFFERED: '1',
    });
  });

  it('gives a HOME even where conform has none in its environment', () => {
    expect(resolveServerEnv({}, { PATH: '/bin' }).HOME).toMatch(/^\//);
  });

  it('adds the variables the course sets and those it passes on by name', () => {
    const env = resolveServerEnv(
      { env: ['DEBUG=1', 'GREETING=a=b'], passEnv: ['JAVA_TOOL_OPTIONS', 'NOT_SET'] },
      grader,
    );
    expect(env).toMatchObject({ DEBUG: '1', GREETING: 'a=b', JAVA_TOOL_OPTIONS: '-Xmx64m' });
    expect(env).not.toHaveProperty('NOT_SET');
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('refuses what is not NAME=value, a name that is not one, and the variables conform sets itself', () => {
    expect(failure(() => resolveServerEnv({ env: ['DEBUG'] }, grader))).toBe(
      'Expected `--env` to be NAME=value, got `DEBUG`',
    );
    expect(failure(() => resolveServerEnv({ passEnv: ['1X'] }, grader))).toMatch(
      /^Expected `--pass-env` to name a variable .*, got `1X`$/,
    );
    expect(failure(() => resolveServerEnv({ env: ['PORT=80'] }, grader))).toBe(
      '`--env` cannot set PORT: conform sets it for each server itself',
    );
  });
});
