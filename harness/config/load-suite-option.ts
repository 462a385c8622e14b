import { dirname } from 'node:path';
import { suites } from '../../suites/index.js';
import { loadSuite } from '../api/load-suite.js';
import type { Suite } from '../runner/suite.js';
import type { LoadedCourseConfig } from './course-config.js';
import { suiteSource } from './suite-source.js';

/**
 * The suite `--suite` (taken from `cwd`) or else the config file's `suite` (taken from the config
 * file's folder) names, loaded, where it is not one of conform's own: those are undefined here.
 */
export async function loadSuiteOption(
  flag: string | undefined,
  course: LoadedCourseConfig | undefined,
  cwd: string,
): Promise<Suite | undefined> {
  const fromFile = flag === undefined ? course?.config.suite : undefined;
  const spec = flag ?? fromFile;
  if (spec === undefined) return undefined;
  const base = fromFile !== undefined && course !== undefined ? dirname(course.file) : cwd;
  const where = fromFile !== undefined && course !== undefined ? ` in ${course.name}` : '';
  const source = suiteSource(spec, base, [...suites.keys()], where);
  return source.kind === 'built-in' ? undefined : loadSuite(source.file, source.shownAs);
}
