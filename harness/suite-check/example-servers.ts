import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A server of a suite's folder, and what the suite must make of it. */
export interface ExampleServer {
  /** Its path from the suite's folder: `correct/kv_server.py`. */
  readonly file: string;
  /** The test ids it must fail: none for a correct server. */
  readonly fails: readonly string[];
}

/** Files conform can start by their name alone (`conform <file>`), as a student's would be. */
const startable = /\.(py|mjs|cjs|js|ts|java|c|rb|sh)$/;
const failsTag = /\(fails: ([^)]*)\)\s*$/;

async function filesIn(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => startable.test(name)).sort();
  } catch {
    return [];
  }
}

/**
 * The example servers of a suite's folder: each in `correct/` must pass every test; each in `buggy/`
 * states in its first line what it gets wrong, ending with the tests it must fail, `(fails: kv.model)`.
 * A buggy server without that ending is given with no tests, which check-suite reports.
 */
export async function exampleServers(folder: string): Promise<ExampleServer[]> {
  const correct = (await filesIn(join(folder, 'correct'))).map((name) => ({
    file: `correct/${name}`,
    fails: [],
  }));
  const buggy = await Promise.all(
    (await filesIn(join(folder, 'buggy'))).map(async (name) => {
      const first = (await readFile(join(folder, 'buggy', name), 'utf8')).split('\n', 1)[0] ?? '';
      const tag = failsTag.exec(first)?.[1] ?? '';
      const fails = tag
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      return { file: `buggy/${name}`, fails };
    }),
  );
  return [...correct, ...buggy];
}
