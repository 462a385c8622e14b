import { parseReplayToken, type ReplayToken } from '../runner/replay-token.js';
import type { Suite } from '../runner/suite.js';
import { ConfigError } from './config-error.js';
import { defaults } from './defaults.js';
import type { RawOptions } from './resolve-config.js';
import { shellQuote } from './resolve-target.js';

/** The --replay token, checked. */
export function resolveReplay(value: string | undefined): ReplayToken | undefined {
  if (value === undefined) return undefined;
  const token = parseReplayToken(value);
  if (token === undefined) {
    throw new ConfigError(
      `Expected \`--replay\` to be a token as printed by a failing run (like echo.stream/12345/2:0:1), got \`${value}\``,
    );
  }
  return token;
}

/**
 * The --suite a replay needs: a suite of conform's own by its name, a loaded one as `--suite` gave it
 * (the replay runs in the same folder); none for one the config file names, which the replay reads too.
 */
export function suiteArguments(suite: Suite, given: RawOptions, loaded: boolean): string[] {
  if (!loaded) return suite.name === defaults.suite ? [] : ['--suite', suite.name];
  return given.suite === undefined ? [] : ['--suite', given.suite];
}

/** The command that re-runs this target the same way, with the options a replay must keep. */
export function replayCommandFor(
  invocation: string,
  display: string | undefined,
  raw: RawOptions,
  suiteArgs: readonly string[],
  port: number | undefined,
): (args: readonly string[]) => string {
  const fixed = [
    // The course's settings (time limits, environment, oracle) hold for the replay too.
    ...(raw.config === undefined ? [] : ['--config', raw.config]),
    ...suiteArgs,
    ...(port === undefined ? [] : ['--port', String(port)]),
    ...(raw.oracle === undefined ? [] : ['--oracle', raw.oracle]),
    ...(raw.timeLimit ?? []).flatMap((limit) => ['--time-limit', limit]),
    ...(raw.timeout === undefined ? [] : ['--timeout', raw.timeout]),
    ...(raw.startupTimeout === undefined ? [] : ['--startup-timeout', raw.startupTimeout]),
  ];
  return (args) => {
    const options = [...fixed, ...args].map(shellQuote).join(' ');
    if (display === undefined) return `${invocation} ${options}`;
    return display.startsWith('-- ')
      ? `${invocation} ${options} ${display}`
      : `${invocation} ${shellQuote(display)} ${options}`;
  };
}
