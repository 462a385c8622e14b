import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { readCount, readInteger } from '../config/read-option.js';
import { ExitCode } from '../results/exit-code.js';
import { checkSuite, type ServerVerdict } from '../suite-check/check-suite.js';
import type { CliIo } from './main.js';
import { packageRoot } from './package-root.js';

export interface ParsedCheckSuite {
  readonly kind: 'check-suite';
  readonly target: string;
  readonly seeds: string | undefined;
  readonly runs: string | undefined;
}

const suiteFiles = ['suite.ts', 'suite.mts', 'suite.js', 'suite.mjs'];

/** The suite's folder and file: a folder with a suite.ts (or .js) in it, or the file itself. */
function suiteAt(target: string, cwd: string): { folder: string; file: string } {
  const path = resolve(cwd, target);
  if (!existsSync(path))
    throw new ConfigError(`${target} does not exist: give a suite's folder or its suite file`);
  if (!statSync(path).isDirectory()) return { folder: dirname(path), file: path };
  const name = suiteFiles.find((candidate) => existsSync(join(path, candidate)));
  if (name === undefined)
    throw new ConfigError(`${target} holds no suite.ts (or suite.js): give the suite file itself`);
  return { folder: path, file: join(path, name) };
}

function seedsFrom(given: string | undefined): number[] {
  const count =
    readInteger('--seeds', given, { min: 1, max: 100, expected: 'a whole number from 1 to 100' }) ?? 3;
  return Array.from({ length: count }, (_, index) => index + 1);
}

function verdictLine(verdict: ServerVerdict): string {
  const { server, seed, failed } = verdict;
  const wanted = server.fails.length === 0 ? 'every test passes' : `fails ${server.fails.join(', ')}`;
  if (verdict.ok) return `  ✓ ${server.file} at seed ${seed}: ${wanted}\n`;
  const got =
    verdict.errors.length > 0
      ? verdict.errors.join('; ')
      : failed.length === 0
        ? 'every test passed'
        : `failed ${failed.join(', ')}`;
  return `  ✗ ${server.file} at seed ${seed}: ${got}; it should be: ${wanted}\n`;
}

/**
 * `conform check-suite <folder>`: whether a suite catches the bugs of its example servers, at several
 * seeds, and whether its protocol document and its tests name each other. Exits 0 when all holds, 1
 * when something does not, 2 for bad usage or a suite that does not load.
 */
export async function checkSuiteCommand(parsed: ParsedCheckSuite, io: CliIo): Promise<number> {
  const { folder, file } = suiteAt(parsed.target, io.cwd);
  const seeds = seedsFrom(parsed.seeds);
  const root = packageRoot();
  if (root === undefined) throw new Error('conform cannot find its own package folder');
  io.stdout.write(`checking ${basename(folder)}/${basename(file)} at seeds ${seeds.join(', ')}\n`);
  const check = await checkSuite({
    folder,
    suiteFile: file,
    shownAs: parsed.target,
    seeds,
    ...(parsed.runs !== undefined && { runs: readCount('--runs', parsed.runs) }),
    conform: [process.execPath, join(root.folder, 'bin', 'conform.js')],
    signal: io.signal,
    onVerdict: (verdict) => io.stdout.write(verdictLine(verdict)),
  });
  for (const problem of check.problems) io.stdout.write(`  ✗ ${problem}\n`);
  if (io.signal.aborted) return ExitCode.interrupted;
  const wrong = check.problems.length + check.verdicts.filter((verdict) => !verdict.ok).length;
  io.stdout.write(
    wrong === 0
      ? `${check.suite.name}: the suite passes its correct servers and fails each buggy one where it says, at every seed; its protocol document and tests name each other\n`
      : `${check.suite.name}: ${wrong} ${wrong === 1 ? 'problem' : 'problems'} (✗ above)\n`,
  );
  return wrong === 0 ? ExitCode.passed : ExitCode.failed;
}
