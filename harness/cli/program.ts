import { Command } from 'commander';
import { referenceServers } from '../../reference/index.js';
import { defaults } from '../config/defaults.js';
import type { RawOptions } from '../config/resolve-config.js';

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
  onParsed: (parsed: ParsedCommandLine | ParsedReference) => void,
  command: readonly string[],
  output: { readonly writeOut: (text: string) => void; readonly writeErr: (text: string) => void },
): Command {
  // Set before the subcommand is made, so it inherits them: errors throw instead of exiting.
  const program = new Command('conform')
    .exitOverride()
    .configureOutput({
      ...output,
      // One line, in conform's own voice, naming where to look.
      outputError: (text, write) =>
        write(`conform: ${text.trim().replace(/^error: /, '')} (see conform --help)\n`),
    })
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
    .option('-s, --suite <name>', 'protocol suite to run', defaults.suite)
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
      `longest wait for a reply with no byte arriving (default: ${defaults.replyTimeoutMs})`,
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
    .option('--json <file>', 'also write the results as JSON (schema: docs/report-format.md)')
    .option('-q, --quiet', 'print only failures and the totals')
    .option('-v, --verbose', 'also print the timestamped transcript of each failure')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .version(version, '-V, --version')
    .action((target: string | undefined, options: RawOptions) => {
      onParsed({ kind: 'test', options, target, command });
    });
  program
    .command('reference')
    .description('run a reference server, to try with nc or a client of your own')
    .argument('<protocol>', `which reference server: ${[...referenceServers.keys()].join(', ')}`)
    .option('--port <n>', 'port to listen on (default: a free one, printed)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action((protocol: string, options: { port?: string; host: string }) => {
      onParsed({ kind: 'reference', protocol, port: options.port, host: options.host });
    });
  return program;
}
