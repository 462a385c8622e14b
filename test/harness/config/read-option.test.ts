import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/config/config-error.js';
import {
  readCount,
  readDuration,
  readInteger,
  readPort,
  readSeed,
} from '../../../harness/config/read-option.js';

/** The error `read` throws, checked to be a ConfigError. */
function failure(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the value was accepted');
}

describe('read-option', () => {
  it('leaves an option that was not given undefined', () => {
    expect(readCount('--runs', undefined)).toBeUndefined();
    expect(readPort('--port', undefined)).toBeUndefined();
    expect(readDuration('--timeout', undefined)).toBeUndefined();
    expect(readSeed('--seed', undefined)).toBeUndefined();
  });

  it('says what was expected and what was given, in one shape', () => {
    const error = failure(() => readCount('--runs', 'x'));
    expect(error.message).toMatch(/^Expected `--runs` to be a positive .+, got `x`$/);
    expect(error.message).toBe('Expected `--runs` to be a positive whole number, got `x`');
    expect(error.name).toBe('ConfigError');
  });

  it.each(['', ' ', 'x', '1.5', '1e3', '0x10', '+5', '5x', '0', '-1', '1000001', '99999999999999999999'])(
    'refuses --runs %j',
    (value) => {
      expect(failure(() => readCount('--runs', value)).message).toBe(
        `Expected \`--runs\` to be a positive whole number, got \`${value}\``,
      );
    },
  );

  it.each([
    ['1', 1],
    ['1000000', 1_000_000],
    [' 25 ', 25],
    ['007', 7],
  ])('reads --runs %j as %d', (value, expected) => {
    expect(readCount('--runs', value)).toBe(expected);
  });

  it('reads ports from 1 to 65535 only', () => {
    expect(readPort('--port', '1')).toBe(1);
    expect(readPort('--port', '65535')).toBe(65535);
    for (const value of ['0', '65536', '-80', 'http']) {
      expect(failure(() => readPort('--port', value)).message).toBe(
        `Expected \`--port\` to be a port number from 1 to 65535, got \`${value}\``,
      );
    }
  });

  it('reads durations from 1 ms to an hour', () => {
    expect(readDuration('--timeout', '1')).toBe(1);
    expect(readDuration('--startup-timeout', '3600000')).toBe(3_600_000);
    expect(failure(() => readDuration('--startup-timeout', '3600001')).message).toBe(
      'Expected `--startup-timeout` to be a time in milliseconds from 1 to 3600000, got `3600001`',
    );
    expect(failure(() => readDuration('--timeout', '2s')).message).toContain('got `2s`');
  });

  it('reads any 32-bit seed, signed or unsigned', () => {
    expect(readSeed('--seed', '-2147483648')).toBe(-2147483648);
    expect(readSeed('--seed', '0')).toBe(0);
    expect(readSeed('--seed', '4294967295')).toBe(4294967295);
    for (const value of ['-2147483649', '4294967296', '1.0', 'seed']) {
      expect(failure(() => readSeed('--seed', value)).message).toBe(
        `Expected \`--seed\` to be a whole number (a 32-bit seed, as printed by an earlier run), got \`${value}\``,
      );
    }
  });

  it('checks against the range it is given', () => {
    const range = { min: 2, max: 4, expected: 'two, three or four' };
    expect(readInteger('--n', '3', range)).toBe(3);
    expect(failure(() => readInteger('--n', '5', range)).message).toBe(
      'Expected `--n` to be two, three or four, got `5`',
    );
  });
});
