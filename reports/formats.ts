import { classroomFormat } from './classroom/classroom-format.js';
import { githubFormat } from './github/github-format.js';
import { gradescopeFormat } from './gradescope/gradescope-format.js';
import { htmlFormat } from './html/html-format.js';
import { jsonFormat } from './json/json-format.js';
import { junitFormat } from './junit/junit-format.js';
import { markdownFormat } from './markdown/markdown-format.js';
import type { ReportFormat } from './report-format.js';
import { tapFormat } from './tap/tap-format.js';

/** Every format `--reporter` can write, by name. */
export const reportFormats: ReadonlyMap<string, ReportFormat> = new Map(
  [
    jsonFormat,
    junitFormat,
    tapFormat,
    gradescopeFormat,
    githubFormat,
    classroomFormat,
    markdownFormat,
    htmlFormat,
  ].map((format) => [format.name, format]),
);
