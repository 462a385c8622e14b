import { dirname } from 'node:path';
import type { Suite } from '../runner/suite.js';
import type { ServerCommand } from '../supervisor/start-server.js';
import { ConfigError } from './config-error.js';
import { shellQuote } from './resolve-target.js';
import { skipReason, type Selection } from '../runner/select-tests.js';

/** The suite's oracle as the run starts it: its command, and how a person names it. */
export interface OracleSpec {
  readonly command: ServerCommand;
  readonly display: string;
}

/**
 * The oracle the selected tests need: --oracle's command (words separated by spaces, run in the
 * working folder) or else the suite's own (run in the suite's folder). Undefined when no selected
 * test takes its expected behaviour from one; a ConfigError when one does and none is given.
 */
export function resolveOracle(
  flag: string | undefined,
  suite: Suite,
  selection: Selection,
  where: { readonly cwd: string; readonly env: Readonly<Record<string, string>> },
): OracleSpec | undefined {
  const words = flag?.trim().split(/\s+/).filter(Boolean);
  if (words !== undefined && words.length === 0) {
    throw new ConfigError(
      '--oracle is empty: give the solution server\'s command, e.g. --oracle "python3 solution.py {port}"',
    );
  }
  const needing = suite.tests.filter(
    (test) => test.oracle === true && skipReason(test, selection) === undefined,
  );
  if (needing.length === 0) return undefined;
  const given = words ?? suite.oracle;
  if (given === undefined) {
    throw new ConfigError(
      `test ${needing[0]?.id} takes its expected behaviour from an oracle, and suite ${suite.name} names none: give one with --oracle "python3 solution.py {port}"`,
    );
  }
  const [file = '', ...args] = given;
  const cwd = words === undefined && suite.source !== undefined ? dirname(suite.source) : where.cwd;
  return { command: { file, args, env: where.env, cwd }, display: given.map(shellQuote).join(' ') };
}
