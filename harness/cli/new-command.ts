import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { isSuiteName } from '../api/define-suite.js';
import { ConfigError } from '../config/config-error.js';
import { ExitCode } from '../results/exit-code.js';
import { suiteScaffold } from '../scaffold/suite-scaffold.js';
import type { CliIo } from './main.js';
import { makeFolder } from './make-folder.js';

export interface ParsedNew {
  readonly kind: 'new';
  readonly what: string;
  readonly name: string;
  readonly options: { readonly out?: string; readonly force?: boolean };
}

/** `conform new suite <name>`: a folder with a suite to start from, that `conform check-suite` passes. */
export async function newCommand(parsed: ParsedNew, io: CliIo): Promise<number> {
  if (parsed.what !== 'suite')
    throw new ConfigError(`conform new makes a suite: conform new suite <name>, not ${parsed.what}`);
  if (!isSuiteName(parsed.name)) {
    throw new ConfigError(
      `a suite's name is lower case letters, digits and dashes, starting with a letter (it begins each test id): got ${parsed.name}`,
    );
  }
  const folder = resolve(io.cwd, parsed.options.out ?? parsed.name);
  if (existsSync(folder) && readdirSync(folder).length > 0 && parsed.options.force !== true) {
    throw new ConfigError(
      `${relative(io.cwd, folder) || '.'} is not empty: choose another --out, or add --force to write over it`,
    );
  }
  for (const file of suiteScaffold(parsed.name)) {
    const path = join(folder, file.path);
    await makeFolder(dirname(path));
    await writeFile(path, file.text);
  }
  const shown = relative(io.cwd, folder) || '.';
  io.stdout.write(
    [
      `wrote the suite ${parsed.name} in ${shown}/: protocol.md, suite.ts, correct/server.py, buggy/count_per_client.py`,
      `  try it:    conform --suite ./${join(shown, 'suite.ts')} ${join(shown, 'correct', 'server.py')}`,
      `  serve it:  conform reference ./${join(shown, 'suite.ts')}`,
      `  check it:  conform check-suite ${shown}`,
      '',
    ].join('\n'),
  );
  return ExitCode.passed;
}
