import { access, cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { htmlFormat } from '../../reports/html/html-format.js';
import { ConfigError } from '../config/config-error.js';
import { classReport, type ClassReport, type SubmissionGrade } from '../results/class-report.js';
import { ExitCode } from '../results/exit-code.js';
import { colorWanted } from '../config/color-wanted.js';
import { writeClassOutputs } from './class-outputs.js';
import type { CliIo } from './main.js';

export interface ParsedMerge {
  readonly kind: 'grade-merge';
  readonly dirs: readonly string[];
  readonly out: string | undefined;
  readonly color: boolean | undefined;
}

async function readSummary(dir: string, given: string): Promise<ClassReport> {
  try {
    return JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as ClassReport;
  } catch {
    throw new ConfigError(`${given} holds no summary.json: give the --out folders of conform grade runs`);
  }
}

/**
 * `conform grade merge <dirs...>`: the shards of one class, graded on several machines, as one class:
 * their submissions' folders side by side and the class's files made again from all of them.
 */
export async function mergeCommand(parsed: ParsedMerge, io: CliIo): Promise<number> {
  const dirs = parsed.dirs.map((dir) => resolve(io.cwd, dir));
  const out = resolve(io.cwd, parsed.out ?? 'conform-grades');
  const shards = await Promise.all(dirs.map((dir, index) => readSummary(dir, parsed.dirs[index] ?? dir)));
  const [first] = shards as [ClassReport, ...ClassReport[]];
  const submissions = new Map<string, SubmissionGrade>();
  for (const [index, shard] of shards.entries()) {
    const same =
      shard.suite === first.suite &&
      shard.seed === first.seed &&
      shard.conformVersion === first.conformVersion &&
      shard.testIds.join() === first.testIds.join();
    if (!same) {
      throw new ConfigError(
        `${parsed.dirs[index]} was graded with another suite, seed or conform version than ${parsed.dirs[0]}: merge only shards of one grading`,
      );
    }
    for (const grade of shard.submissions) {
      if (submissions.has(grade.id)) {
        throw new ConfigError(
          `submission ${grade.id} is in more than one of the folders: merge each shard once`,
        );
      }
      submissions.set(grade.id, grade);
      const dir = dirs[index] as string;
      if (resolve(dir) !== out) {
        await cp(join(dir, 'submissions', grade.id), join(out, 'submissions', grade.id), {
          recursive: true,
          verbatimSymlinks: true,
          filter: (source) => !source.startsWith(join(dir, 'submissions', grade.id, 'work')),
        });
      }
    }
  }
  const merged = classReport({
    conformVersion: first.conformVersion,
    suite: first.suite,
    seed: first.seed,
    testIds: first.testIds,
    shard: null,
    submissions: [...submissions.values()],
  });
  // Shards graded with --reporter html each have a class page: so has the class they make.
  const pages = await Promise.all(
    dirs.map((dir) =>
      access(join(dir, 'class.html')).then(
        () => true,
        () => false,
      ),
    ),
  );
  await writeClassOutputs(
    merged,
    out,
    {
      write: (text) => io.stdout.write(text),
      color: colorWanted(parsed.color, io.env, io.stdout.isTTY === true),
    },
    pages.every(Boolean) ? [htmlFormat] : [],
  );
  return merged.summary.notGraded > 0 ? ExitCode.couldNotTest : ExitCode.passed;
}
