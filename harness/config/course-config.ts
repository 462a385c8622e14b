import type { Visibility } from '../../reports/report-format.js';

/** conform.config.json as written, after its schema has accepted it (harness/config/config.schema.json). */
export interface CourseConfig {
  readonly suite?: string;
  readonly start?: string | readonly string[] | { readonly firstOf: readonly string[] };
  readonly build?: readonly string[];
  readonly buildTimeout?: number;
  readonly points?: Readonly<Record<string, number>>;
  readonly timeLimits?: Readonly<Record<string, string | number>>;
  readonly visibility?: Readonly<Record<string, Visibility>>;
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly seed?: number;
  readonly runs?: number;
  readonly timeout?: number;
  readonly startupTimeout?: number;
  readonly shrinkTime?: number;
  readonly port?: number;
  readonly jobs?: number;
  readonly reporters?: readonly string[];
  readonly submissionTimeout?: number;
  readonly memory?: number;
  readonly maxProcs?: number;
  readonly cpuTime?: number;
  readonly openFiles?: number;
  readonly disk?: number;
  readonly expose?: readonly string[];
  readonly isolate?: 'auto' | 'on' | 'off';
  readonly env?: Readonly<Record<string, string>>;
  readonly passEnv?: readonly string[];
}

/** A config file and where it was read from, for messages that name it. */
export interface LoadedCourseConfig {
  readonly file: string;
  /** The file as messages name it: relative to the working folder. */
  readonly name: string;
  readonly config: CourseConfig;
}
