import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { defaults } from '../config/defaults.js';
import { loadCourseConfig } from '../config/load-course-config.js';
import { aptPackagesFor } from '../init/apt-packages.js';
import { classroomWorkflow, githubWorkflow } from '../init/github-workflow.js';
import { gitlabCi } from '../init/gitlab-ci.js';
import { gradescopeBundle } from '../init/gradescope-bundle.js';
import type { SetupFile, SetupInput } from '../init/setup-files.js';
import { starterConfig } from '../init/starter-config.js';
import { bundledSuiteFiles } from '../init/suite-files.js';
import { oracleExposure } from '../init/oracle-exposure.js';
import { ExitCode } from '../results/exit-code.js';
import type { CliIo } from './main.js';
import { packageRoot } from './package-root.js';
import { makeFolder } from './make-folder.js';

export const platforms = ['config', 'gradescope', 'github', 'gitlab'] as const;

export interface ParsedInit {
  readonly kind: 'init';
  readonly platform: string;
  readonly options: {
    readonly config?: string;
    readonly out?: string;
    readonly classroom?: boolean;
    readonly apt?: readonly string[];
    readonly force?: boolean;
  };
}

/** conform's own package as a tarball, for a set-up to install from: what runs here runs there. */
async function packConform(folder: string): Promise<string> {
  const root = packageRoot();
  if (root === undefined) throw new Error('conform cannot find its own package folder');
  const staging = await mkdtemp(join(tmpdir(), 'conform-pack-'));
  try {
    const packed = await execa(
      'npm',
      ['pack', root.folder, '--ignore-scripts', '--json', '--pack-destination', staging],
      {
        timeout: 120_000,
        reject: false,
      },
    );
    if (packed.exitCode !== 0) {
      throw new ConfigError(
        `could not pack conform with npm (${packed.shortMessage}): is npm installed and on PATH?`,
      );
    }
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await makeFolder(folder);
    await rename(join(staging, filename), join(folder, filename));
    return filename;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * `conform init gradescope|github|gitlab`: the files a course needs to run conform on that
 * platform, made from its config file, with conform's own tarball beside them.
 */
export async function initCommand(parsed: ParsedInit, io: CliIo): Promise<number> {
  const platform = parsed.platform;
  if (!(platforms as readonly string[]).includes(platform)) {
    throw new ConfigError(`unknown platform \`${platform}\`: choose one of ${platforms.join(', ')}`);
  }
  if (parsed.options.classroom === true && platform !== 'github') {
    throw new ConfigError('--classroom goes with conform init github');
  }
  if (platform === 'config')
    return writeSetup(starterConfig(), resolve(io.cwd, parsed.options.out ?? '.'), parsed, io);
  const course = loadCourseConfig(parsed.options.config, io.cwd);
  if (course === undefined) {
    throw new ConfigError(
      `conform init needs a course config: write ${defaults.configFile} here (conform init config starts one), or give --config`,
    );
  }
  if (course.config.start === undefined) {
    throw new ConfigError(`\`start\` is missing in ${course.name}: say how a submission's server starts`);
  }
  const out = resolve(
    io.cwd,
    parsed.options.out ?? (platform === 'gradescope' ? 'gradescope-autograder' : '.'),
  );
  const tarballFolder = platform === 'gradescope' ? out : join(out, '.conform');
  const configText = readFileSync(course.file, 'utf8');
  const aptPackages = [...new Set([...aptPackagesFor(course.config), ...(parsed.options.apt ?? [])])];
  const inPlace = resolve(out, defaults.configFile) === course.file;
  // A suite file the config names goes along, where the config's `suite` will look for it.
  const suite = platform === 'gradescope' || !inPlace ? bundledSuiteFiles(course) : [];
  const exposed = platform === 'gradescope' ? undefined : await oracleExposure(course);
  if (exposed !== undefined) io.stderr.write(`conform: warning: ${exposed}\n`);
  const files = (tarball: string): SetupFile[] => {
    const input: SetupInput = { configText, tarball, aptPackages };
    if (platform === 'gradescope') return [...gradescopeBundle(input), ...suite];
    const config: SetupFile[] = inPlace ? [] : [{ path: defaults.configFile, content: configText }];
    if (platform === 'gitlab') return [gitlabCi(input), ...config, ...suite];
    return [
      parsed.options.classroom === true ? classroomWorkflow(input) : githubWorkflow(input),
      ...config,
      ...suite,
    ];
  };
  return writeSetup(files, out, parsed, io, tarballFolder);
}

/**
 * Writes a set-up's files (and conform's tarball, for those that install it), refusing to replace
 * any file without --force, and says what was written and what to do next.
 */
async function writeSetup(
  files: (tarball: string) => SetupFile[],
  out: string,
  parsed: ParsedInit,
  io: CliIo,
  tarballFolder?: string,
): Promise<number> {
  const platform = parsed.platform;
  const existing = files('conform.tgz')
    .map((file) => join(out, file.path))
    .filter((path) => existsSync(path));
  if (existing.length > 0 && parsed.options.force !== true) {
    throw new ConfigError(
      `${relative(io.cwd, existing[0] as string) || existing[0]} exists already: move it away, or give --force to replace it`,
    );
  }
  const tarball = tarballFolder === undefined ? '' : await packConform(tarballFolder);
  const written = tarballFolder === undefined ? [] : [join(tarballFolder, tarball)];
  for (const file of files(tarball)) {
    const path = join(out, file.path);
    await makeFolder(dirname(path));
    await writeFile(path, file.content);
    if (file.mode !== undefined) await chmod(path, file.mode);
    written.push(path);
  }
  io.stdout.write(
    `conform init ${platform}: wrote\n${written.map((path) => `  ${relative(io.cwd, path)}\n`).join('')}`,
  );
  io.stdout.write(`${nextStep(platform, parsed.options.classroom === true, relative(io.cwd, out) || '.')}\n`);
  return ExitCode.passed;
}

function nextStep(platform: string, classroom: boolean, out: string): string {
  if (platform === 'config') {
    return `Next: edit ${defaults.configFile} (an editor completes it from conform.config.schema.json), then run conform --list to see the test ids it takes.`;
  }
  if (platform === 'gradescope') {
    return `Next: zip the contents of ${out} (cd ${out} && zip -r ../autograder.zip .) and upload it as the assignment's autograder (docs/grading.md).`;
  }
  if (platform === 'gitlab')
    return 'Next: commit .gitlab-ci.yml and .conform/ to the assignment repository (docs/grading.md).';
  return classroom
    ? 'Next: commit .github/workflows/classroom.yml and .conform/ to the assignment template repository (docs/grading.md).'
    : 'Next: commit .github/workflows/conform.yml and .conform/ to the assignment template repository (docs/grading.md).';
}
