import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import satisfies from 'semver/functions/satisfies.js';
import { conformVersion } from '../cli/version.js';
import { ConfigError } from '../config/config-error.js';
import type { Suite } from '../runner/suite.js';
import { placeIn } from '../runner/suite-error-report.js';
import { defineSuite, suiteProblem } from './define-suite.js';
import { prepareSuiteLoader } from './suite-loader.js';

function looksLikeSuite(value: unknown): value is Suite {
  return typeof value === 'object' && value !== null && 'tests' in value && 'name' in value;
}

/** The suite a module exports: its default export, or else its only export that is a suite. */
function exportedSuite(module: Record<string, unknown>): Suite | undefined {
  if (looksLikeSuite(module.default)) return module.default;
  const suites = Object.values(module).filter(looksLikeSuite);
  return suites.length === 1 ? suites[0] : undefined;
}

/**
 * Why a module did not load, in one line: a syntax error as `line N: why` (TypeScript and JavaScript
 * alike are compiled first), an error thrown while it ran with the place in the suite's files.
 */
function whyNotLoaded(error: unknown, file: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const syntax = /:(\d+):\d+: ERROR: (.+)$/m.exec(text);
  if (syntax !== null) return `line ${syntax[1]}: ${syntax[2]}`;
  const stack = error instanceof Error && error.stack !== undefined ? error.stack.split('\n') : [];
  const place = placeIn(stack, dirname(file));
  const first = text.split('\n').find((line) => line.trim() !== '') ?? 'no reason given';
  return place === undefined ? first : `${first} (at ${place})`;
}

/** A suite that names the versions of conform it works with must be run by one of them. */
function checkConformRange(suite: Suite, shownAs: string): void {
  const range = suite.conform;
  if (range === undefined) return;
  const version = conformVersion();
  if (!satisfies(version, range, { includePrerelease: true })) {
    throw new ConfigError(
      `the suite ${shownAs} needs conform ${range}, and this is conform ${version}: install one in that range (npm install -g "conform@${range}")`,
    );
  }
}

/**
 * Loads the suite a TypeScript or JavaScript file (or a package's entry) exports, checked as
 * defineSuite checks one; its protocol document is then found beside the file. A file that does not
 * load, exports no suite, or exports one that is not well formed is a ConfigError naming the file.
 */
export async function loadSuite(file: string, shownAs: string): Promise<Suite> {
  await prepareSuiteLoader();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`the suite ${shownAs} does not load: ${whyNotLoaded(error, file)}`, {
      cause: error,
    });
  }
  const suite = exportedSuite(module);
  if (suite === undefined) {
    throw new ConfigError(
      `${shownAs} exports no suite: export one as its default export (export default defineSuite({ ... }))`,
    );
  }
  const problem = suiteProblem(suite);
  if (problem !== undefined) throw new ConfigError(`the suite in ${shownAs}: ${problem}`);
  checkConformRange(suite, shownAs);
  const protocolDoc =
    suite.protocolDoc === '' || isAbsolute(suite.protocolDoc)
      ? suite.protocolDoc
      : resolve(dirname(file), suite.protocolDoc);
  return defineSuite({ ...suite, protocolDoc, source: file });
}
