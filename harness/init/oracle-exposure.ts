import { dirname } from 'node:path';
import { suites } from '../../suites/index.js';
import { loadSuite } from '../api/load-suite.js';
import type { LoadedCourseConfig } from '../config/course-config.js';
import { suiteSource } from '../config/suite-source.js';

/**
 * A warning for a set-up that lives in the students' repository (GitHub, GitLab) when the course's
 * suite takes its expected behaviour from an oracle: the solution goes where students can read it.
 * Undefined when the suite names no oracle.
 */
export async function oracleExposure(course: LoadedCourseConfig): Promise<string | undefined> {
  const spec = course.config.suite;
  if (spec === undefined) return undefined;
  const source = suiteSource(spec, dirname(course.file), [...suites.keys()], ` in ${course.name}`);
  if (source.kind !== 'file') return undefined;
  const suite = await loadSuite(source.file, source.shownAs);
  if (suite.oracle === undefined) return undefined;
  return `the suite's oracle (${suite.oracle.join(' ')}) is its solution, and this set-up runs in the students' repository, where they can read it: grade with conform init gradescope to keep it from them`;
}
