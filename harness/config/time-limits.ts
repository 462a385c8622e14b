import type { Suite } from '../runner/suite.js';
import { ConfigError } from './config-error.js';
import { checkTestPatterns, lastMatch } from './course-weights.js';

/** The longest a test may take, as a course sets it: by test id or glob, the last that matches winning. */
export type TimeLimits = (testId: string) => number | undefined;

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000 };
const maxMs = 3_600_000;

/** `10s`, `500ms`, `2min` or a number of milliseconds, as milliseconds; undefined if it is none of these. */
export function parseDuration(text: string | number): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|min)?$/.exec(String(text).trim());
  if (match === null) return undefined;
  const ms = Math.round(Number(match[1]) * (units[match[2] ?? 'ms'] as number));
  return ms >= 1 && ms <= maxMs ? ms : undefined;
}

/**
 * The course's time limits (config `timeLimits`, then each `--time-limit [glob=]duration`, a later
 * one overriding an earlier one), checked against the suite: a pattern that matches no test, or a
 * duration that is none, is a ConfigError naming where it was written.
 */
export function resolveTimeLimits(
  suite: Suite,
  fromFile: Readonly<Record<string, string | number>> | undefined,
  flags: readonly string[],
  where: string,
): TimeLimits | undefined {
  const entries: [string, number][] = [];
  for (const [pattern, value] of Object.entries(fromFile ?? {})) {
    entries.push([pattern, duration(value, `\`timeLimits\` in ${where}, for \`${pattern}\``)]);
  }
  if (fromFile !== undefined) checkTestPatterns(suite, Object.keys(fromFile), 'timeLimits', where);
  for (const flag of flags) {
    const equals = flag.lastIndexOf('=');
    const pattern = equals === -1 ? '*' : flag.slice(0, equals);
    entries.push([pattern, duration(flag.slice(equals + 1), `--time-limit ${flag}`)]);
    if (equals !== -1) checkTestPatterns(suite, [pattern], '--time-limit', 'the command line');
  }
  return entries.length === 0 ? undefined : (testId) => lastMatch(entries, testId);
}

function duration(value: string | number, where: string): number {
  const ms = parseDuration(value);
  if (ms !== undefined) return ms;
  throw new ConfigError(
    `${where}: expected a time such as 10s, 500ms or 2min (at most 60min), got \`${String(value)}\``,
  );
}
