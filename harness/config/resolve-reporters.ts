import { reportFormats } from '../../reports/formats.js';
import type { ReportFormat } from '../../reports/report-format.js';
import { suggestion } from './closest.js';
import { ConfigError } from './config-error.js';
import { reportFileProblem } from './report-file-problem.js';

/** One report to write: its format, and its file as given (relative to the working folder), or stdout. */
export interface ReportTarget {
  readonly format: ReportFormat;
  /** Undefined: standard output. */
  readonly file: string | undefined;
}

function parseSpec(spec: string): ReportTarget {
  const equals = spec.indexOf('=');
  const name = equals === -1 ? spec : spec.slice(0, equals);
  const format = reportFormats.get(name);
  if (format === undefined) {
    throw new ConfigError(`unknown reporter \`${name}\`: ${suggestion(name, [...reportFormats.keys()])}`);
  }
  if (equals === -1) return { format, file: undefined };
  const file = spec.slice(equals + 1);
  if (file === '') {
    throw new ConfigError(
      `--reporter ${name}= names no file: give one, like --reporter ${name}=${format.fileName}, or leave out = for stdout`,
    );
  }
  return { format, file };
}

/**
 * The reports a run writes: `--reporter name[=file]` (repeatable; the config file's `reporters` when
 * none is given) and `--json file`. At most one may go to stdout, no two to the same file, and every
 * file is checked to be writable before the run (not with --list, which writes none).
 */
export function resolveReporters(
  specs: readonly string[],
  jsonFile: string | undefined,
  options: { readonly cwd: string; readonly check: boolean },
): ReportTarget[] {
  const targets = specs.map(parseSpec);
  if (jsonFile !== undefined)
    targets.push({ format: reportFormats.get('json') as ReportFormat, file: jsonFile });
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    throw new ConfigError(
      `only one reporter may write to stdout, got ${toStdout.map((target) => target.format.name).join(' and ')}: give the others a file, like --reporter ${toStdout[1]?.format.name}=${toStdout[1]?.format.fileName}`,
    );
  }
  const files = new Set<string>();
  for (const target of targets) {
    if (target.file === undefined) continue;
    if (files.has(target.file))
      throw new ConfigError(`two reports would be written to ${target.file}: give each its own file`);
    files.add(target.file);
    if (!options.check) continue;
    const json = target.format.name === 'json' && target.file === jsonFile;
    const problem = reportFileProblem(
      {
        what: `${target.format.name === 'json' ? 'JSON' : target.format.name} report`,
        option: json ? '--json' : `--reporter ${target.format.name}=`,
        file: target.file,
        fileName: target.format.fileName,
      },
      options.cwd,
    );
    if (problem !== undefined) throw new ConfigError(problem);
  }
  return targets;
}
