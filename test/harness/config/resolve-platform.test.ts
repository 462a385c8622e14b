import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import { resolvePlatform } from '../../../harness/config/resolve-platform.js';
import { runConform } from '../../support/run-conform.js';
import { hasLsof } from '../../support/toolchains.js';

const env = (value?: string): Record<string, string | undefined> => ({
  PATH: process.env.PATH,
  CONFORM_PLATFORM: value,
});

describe('resolvePlatform', () => {
  it('chooses /proc where the system has it, unless told otherwise', () => {
    expect(resolvePlatform(env(), process.cwd()).name).toBe('proc');
    expect(resolvePlatform(env(''), process.cwd()).name).toBe('proc');
  });

  it('gives the platform CONFORM_PLATFORM names', () => {
    expect(resolvePlatform(env('proc'), process.cwd()).name).toBe('proc');
    expect(resolvePlatform(env('port-only'), process.cwd()).name).toBe('port-only');
    if (hasLsof) expect(resolvePlatform(env('lsof'), process.cwd()).name).toBe('lsof');
  });

  it('refuses an unknown platform in one line that names the valid ones', () => {
    expect(() => resolvePlatform(env('windows'), process.cwd())).toThrow(
      new ConfigError('Expected `CONFORM_PLATFORM` to be one of proc, lsof, port-only, got `windows`'),
    );
  });

  it('is a usage error for the command line (exit 2), before any server starts', async () => {
    const run = await runConform(['--', 'python3', 'never-started.py', '{port}'], {
      env: { CONFORM_PLATFORM: 'bsd' },
      json: false,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toBe(
      'conform: Expected `CONFORM_PLATFORM` to be one of proc, lsof, port-only, got `bsd`',
    );
  });
});
