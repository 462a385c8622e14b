import { defaultLimits } from '../supervisor/sandbox/server-limits.js';
import { Command } from 'commander';
import { referenceServers } from '../../reference/index.js';
import { reportFormats } from '../../reports/formats.js';
import { suites } from '../../suites/index.js';
import { defaults } from '../config/defaults.js';
import type { RawOptions } from '../config/resolve-config.js';
import type { RawGradeOptions } from '../config/resolve-grade-config.js';
import type { Parsed } from './parse-command-line.js';
import type { ParsedInit } from './init-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export interface ParsedCommandLine {
  readonly kind: 'test';
  readonly options: RawOptions;
  readonly target: string | undefined;
  readonly command: readonly string[];
}

export interface ParsedReference {
  readonly kind: 'reference';
  readonly protocol: string;
  readonly port: string | undefined;
  readonly host: string;
}

/**
 * The command line as commander understands it. Everything after the first `--` is the server's command,
 * taken aside before commander sees the rest.
 */
export function buildProgram(
  version: string,
  onParsed: (parsed: Parsed) => void,
  command: readonly string[],
  output: { readonly writeOut: (text: string) => void; readonly writeErr: (text: string) => void },
): Command {
  // One line, in conform's own voice, naming the help of the command that was misused.
  const outputFor = (name: string) => ({
    ...output,
    outputError: (text: string, write: (text: string) => void) =>
      write(`conform: ${text.trim().replace(/^error: /, '')} (see ${name} --help)\n`),
  });
  // Set before the subcommands are made, so they inherit it: errors throw instead of exiting.
  const program = new Command('conform')
    .exitOverride()
    .configureOutput(outputFor('conform'))
    .enablePositionalOptions()
    .usage('[target] [options] [-- command args...]')
    .description(
      'Tests a TCP server against a protocol suite. conform starts the server itself: give its file ' +
        '(run by its shebang or extension) or its command after --. {port} in the command stands for ' +
        'the port to listen on, which is also in the PORT environment variable.',
    )
    .argument(
      '[target]',
      'the server to test: a file run by its shebang or extension (.py .js .mjs .ts .jar .java .sh) or an executable',
    )
    .option(
      '-s, --suite <name>',
      `protocol suite to run: ${[...suites.keys()].join(', ')} (default: the config file's, or ${defaults.suite}), a suite file (./suite.ts) or an installed suite package`,
    )
    .option(
      '--only <glob>',
      'run only tests whose id matches (repeatable), e.g. echo.stream or "echo.*-clients"',
      collect,
    )
    .option('--skip <glob>', 'skip tests whose id matches (repeatable)', collect)
    .option('--list', "list the suite's test ids and titles, and run nothing")
    .option('--seed <n>', 'seed for generated data (printed by every run, to repeat it)')
    .option('--runs <n>', "runs per property test (default: each test's own)")
    .option('--replay <token>', 're-run one failing property exactly (the token a failure prints)')
    .option(
      '--timeout <ms>',
      `longest wait for a reply with no byte arriving, up to 4 times that while the machine's load holds the server back (default: ${defaults.replyTimeoutMs})`,
    )
    .option(
      '--startup-timeout <ms>',
      `longest wait for the server to listen (default: ${defaults.startupTimeoutMs})`,
    )
    .option(
      '--shrink-time <ms>',
      `how long to go on shrinking a failure to a smaller case (default: ${defaults.shrinkTimeMs})`,
    )
    .option('--port <n>', 'port to give the server (default: a free one)')
    .option(
      '--time-limit <[glob=]time>',
      "the longest the tests matching glob (all, without one) may take, as a graded check: 10s, 500ms, 2min (repeatable; adds to the config's timeLimits)",
      collect,
    )
    .option(
      '--oracle <command>',
      "the solution server oracle tests compare with, words separated by spaces, {port} for its port (default: the suite's `oracle`)",
    )
    .option(
      '--jobs <n>',
      'tests run at once, each on servers of its own (default: the number of cores; one at a time for a server on a fixed port or with --port)',
    )
    .option('--json <file>', 'also write the results as JSON (schema: docs/report-format.md)')
    .option(
      '--reporter <name[=file]>',
      `also write a report (repeatable): ${[...reportFormats.keys()].join(', ')}; without =file it goes to stdout and the terminal report to stderr`,
      collect,
    )
    .option(
      '--config <file>',
      `course config file (default: ${defaults.configFile} in this folder, if there is one)`,
    )
    .option('--no-build', "do not run the config file's build step")
    .option(
      '--given-port-only',
      'test nothing if the server listens on a port other than the one it is given: every test is then an error of kind fixed-port (conform grade runs such servers one at a time)',
    )
    .option('--memory <MiB>', `data memory each server process may use (default: ${defaultLimits.memoryMb})`)
    .option(
      '--max-procs <n>',
      `processes and threads a server may have at once (default: ${defaultLimits.maxProcs})`,
    )
    .option(
      '--cpu-time <s>',
      `CPU seconds each server process may use (default: ${defaultLimits.cpuSeconds})`,
    )
    .option(
      '--open-files <n>',
      `open files each server process may have (default: ${defaultLimits.openFiles})`,
    )
    .option(
      '--disk <MiB>',
      `what a server may write in all, across its folder, /tmp and home, where its files are confined (default: ${defaultLimits.diskMb})`,
    )
    .option(
      '--isolate <mode>',
      'run each server in namespaces of its own (Linux): a network, its processes, and a filesystem where only its folder and /tmp are writable: auto (default: where the system allows), on, off',
    )
    .option('--hide <folder>', 'a folder servers must not see, besides your home (repeatable)', collect)
    .option(
      '--expose <folder>',
      'a folder servers may read though it is in your home (repeatable); the toolchains on PATH are',
      collect,
    )
    .option(
      '--env <NAME=value>',
      "a variable every server and build gets (repeatable); they get nothing else of conform's environment but PATH, HOME, LANG, LC_*, TZ and JAVA_HOME",
      collect,
    )
    .option(
      '--pass-env <NAME>',
      "pass this variable of conform's environment on to servers and builds (repeatable)",
      collect,
    )
    .option('-q, --quiet', 'print only failures and the totals')
    .option('-v, --verbose', 'also print the timestamped transcript of each failure')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .version(version, '-V, --version')
    .action((target: string | undefined, options: RawOptions) => {
      onParsed({ kind: 'test', options, target, command });
    });
  program
    .command('reference')
    .configureOutput(outputFor('conform reference'))
    .description('run a reference server, to try with nc or a client of your own')
    .argument(
      '<protocol>',
      `which reference server: ${[...referenceServers.keys()].join(', ')}, or a suite file or package whose model to serve`,
    )
    .option('--port <n>', 'port to listen on (default: a free one, printed)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action((protocol: string, options: { port?: string; host: string }) => {
      onParsed({ kind: 'reference', protocol, port: options.port, host: options.host });
    });
  const grade = program
    .command('grade')
    .configureOutput(outputFor('conform grade'))
    .description(
      'grade a class: each subfolder of <dir>, and each .zip in it, is a submission, graded with the course config file',
    )
    .argument('<dir>', 'the folder that holds the submissions')
    .option('--config <file>', `course config file (default: ${defaults.configFile} in this folder)`)
    .option('--out <dir>', 'where to write the grades', 'conform-grades')
    .option(
      '--workers <n>',
      'submissions graded at a time (default: auto, one a core and more while the cores and memory have room, up to six a core)',
    )
    .option(
      '--submission-timeout <ms>',
      `longest time one submission may take, build included (default: ${defaults.submissionTimeoutMs})`,
    )
    .option(
      '--seed <n>',
      "seed for the whole class (default: the config's, or one made from the config file)",
    )
    .option(
      '--shard <i/n>',
      'grade only the i-th of n stable parts of the class (merge them with conform grade merge)',
    )
    .option('--force', 'grade again the submissions already graded with the same config and conform version')
    .option(
      '--isolate <mode>',
      "each server in namespaces of its own, its files confined (Linux): auto (default: the config's, else where the system allows), on (grade nothing where the system cannot), off (submissions can then reach each other's files)",
    )
    .option(
      '--reporter <name>',
      `also write this format in each submission's folder (repeatable): ${[...reportFormats.keys()].join(', ')}`,
      collect,
    )
    .option('-q, --quiet', 'no progress, only the class table')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .action((classDir: string, options: RawGradeOptions) => {
      onParsed({ kind: 'grade', classDir, options });
    });
  grade
    .command('merge')
    .configureOutput(outputFor('conform grade merge'))
    .description('combine the --out folders of conform grade --shard runs into one class')
    .argument('<dirs...>', 'the output folders of the shards')
    .option('--out <dir>', 'where to write the merged grades', 'conform-grades')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .action((dirs: string[], options: { out?: string; color?: boolean }) => {
      onParsed({ kind: 'grade-merge', dirs, out: options.out, color: options.color });
    });
  program
    .command('new')
    .configureOutput(outputFor('conform new'))
    .description(
      'start a suite of your own: a folder with its protocol document, the suite (a model and two tests), and a correct and a buggy example server',
    )
    .argument('<what>', 'suite')
    .argument('<name>', "the suite's name: lower case letters, digits and dashes; it begins each test id")
    .option('--out <dir>', 'where to write it (default: a folder of that name here)')
    .option('--force', 'write into a folder that is not empty')
    .action((what: string, name: string, options: { out?: string; force?: boolean }) => {
      onParsed({ kind: 'new', what, name, options });
    });
  program
    .command('check-suite')
    .configureOutput(outputFor('conform check-suite'))
    .description(
      "check a suite before it goes out: its correct/ servers must pass every test and each of its buggy/ servers fail exactly the tests its first line names, (fails: <id>, ...), at several seeds; its protocol document's rules and its tests must name each other",
    )
    .argument(
      '<suite>',
      "the suite's folder (with suite.ts, protocol.md, correct/ and buggy/), or its suite file",
    )
    .option('--seeds <n>', 'seeds to run every server at, 1 to n (default: 3)')
    .option('--runs <n>', "runs per property test (default: each test's own)")
    .action((target: string, options: { seeds?: string; runs?: string }) => {
      onParsed({ kind: 'check-suite', target, seeds: options.seeds, runs: options.runs });
    });
  program
    .command('init')
    .configureOutput(outputFor('conform init'))
    .description(
      'write a course config file to start from (config), or what a course needs to run conform on a platform, from its config file: a Gradescope autograder bundle, a GitHub Actions workflow (--classroom: for GitHub Classroom) or a GitLab CI job',
    )
    .argument(
      '<platform>',
      'config (a conform.config.json to start from, with its schema), gradescope, github or gitlab',
    )
    .option('--config <file>', `course config file (default: ${defaults.configFile} in this folder)`)
    .option(
      '--out <dir>',
      'where to write (default: gradescope-autograder/ for gradescope, this folder otherwise)',
    )
    .option('--classroom', 'github: the GitHub Classroom workflow, with per-test points')
    .option(
      '--apt <package>',
      'a Debian package the submissions need, beyond those the config implies (repeatable)',
      collect,
    )
    .option('--force', 'replace files that exist already')
    .action((platform: string, options: ParsedInit['options']) => {
      onParsed({ kind: 'init', platform, options });
    });
  return program;
}
