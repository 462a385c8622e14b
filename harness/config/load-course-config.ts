import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedCourseConfig } from './course-config.js';
import { defaults } from './defaults.js';
import { readConfigFile } from './read-config-file.js';

/** The course config: the file `--config` names, or else conform.config.json in the working folder if there is one. */
export function loadCourseConfig(file: string | undefined, cwd: string): LoadedCourseConfig | undefined {
  if (file !== undefined) return readConfigFile(resolve(cwd, file), cwd);
  const found = resolve(cwd, defaults.configFile);
  return existsSync(found) ? readConfigFile(found, cwd) : undefined;
}
