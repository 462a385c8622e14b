import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { suites } from '../../suites/index.js';
import { ConfigError } from '../config/config-error.js';
import type { LoadedCourseConfig } from '../config/course-config.js';
import { suiteSource } from '../config/suite-source.js';
import type { SetupFile } from './setup-files.js';

/** Folders of a suite's folder a set-up leaves out: the example servers (a solution among them) and packages. */
const leftOut = new Set(['correct', 'buggy', 'node_modules', '.git']);

function filesUnder(folder: string, base: string): string[] {
  return readdirSync(join(base, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return leftOut.has(entry.name) ? [] : filesUnder(path, base);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * The files of the suite the course config names, where it is a suite file: its folder, at the
 * same place beside the config file as in the course, so that the config's `suite` finds it there
 * too. Its example servers stay behind: a correct one is a solution. None for a suite of conform's own.
 */
export function bundledSuiteFiles(course: LoadedCourseConfig): SetupFile[] {
  const spec = course.config.suite;
  if (spec === undefined) return [];
  const courseFolder = dirname(course.file);
  const source = suiteSource(spec, courseFolder, [...suites.keys()], ` in ${course.name}`);
  if (source.kind === 'built-in') return [];
  const folder = relative(courseFolder, dirname(source.file));
  if (folder.startsWith('..') || folder.split(/[\\/]/).includes('node_modules')) {
    throw new ConfigError(
      `the suite ${spec} is not in a folder beside ${course.name}: move it there (suites/${spec.split('/').pop() ?? 'suite.ts'}) so that the set-up can carry it`,
    );
  }
  return filesUnder(folder, courseFolder).map((path) => ({
    path,
    content: readFileSync(join(courseFolder, path), 'utf8'),
  }));
}
