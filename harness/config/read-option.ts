import { ConfigError } from './config-error.js';

/** One message shape for every bad value: what was expected, and what was given. */
function invalid(flag: string, expected: string, value: string): ConfigError {
  return new ConfigError(`Expected \`${flag}\` to be ${expected}, got \`${value}\``);
}

export function readInteger(
  flag: string,
  value: string | undefined,
  range: { min: number; max: number; expected: string },
): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const number = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
    throw invalid(flag, range.expected, value);
  }
  return number;
}

export function readPort(flag: string, value: string | undefined): number | undefined {
  return readInteger(flag, value, { min: 1, max: 65535, expected: 'a port number from 1 to 65535' });
}

export function readDuration(flag: string, value: string | undefined): number | undefined {
  return readInteger(flag, value, {
    min: 1,
    max: 3_600_000,
    expected: 'a time in milliseconds from 1 to 3600000',
  });
}

export function readCount(flag: string, value: string | undefined): number | undefined {
  return readInteger(flag, value, { min: 1, max: 1_000_000, expected: 'a positive whole number' });
}

export function readSeed(flag: string, value: string | undefined): number | undefined {
  return readInteger(flag, value, {
    min: -0x80000000,
    max: 0xffffffff,
    expected: 'a whole number (a 32-bit seed, as printed by an earlier run)',
  });
}
