import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { closest } from './closest.js';
import { ConfigError } from './config-error.js';

/** Where `--suite` (or the config file's `suite`) says a suite is. */
export type SuiteSource =
  | { readonly kind: 'built-in'; readonly name: string }
  | { readonly kind: 'file'; readonly file: string; readonly shownAs: string };

const fileLike = /^\.{1,2}(\/|$)|^\/|\.(ts|mts|js|mjs)$/;
const packageName = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

/** The file a package's `exports` (its "." entry for import) or `main` names, in `folder`. */
function packageEntry(folder: string): string {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  const pick = (entry: unknown): string | undefined => {
    if (typeof entry === 'string') return entry;
    if (typeof entry !== 'object' || entry === null) return undefined;
    const conditions = entry as Record<string, unknown>;
    for (const key of ['.', 'import', 'node', 'default']) {
      const found = key in conditions ? pick(conditions[key]) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return join(folder, pick(manifest.exports) ?? manifest.main ?? 'index.js');
}

/** The folder of package `name` in the node_modules of `base` or of a folder above it. */
function packageFolder(name: string, base: string): string | undefined {
  for (let folder = base; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/** A suite name that is none of conform's, no file and no installed package. */
export class UnknownSuite extends ConfigError {}

/** The error for a suite name that is none of conform's, no file and no installed package. */
export function unknownSuite(spec: string, builtIn: readonly string[], where: string): ConfigError {
  const near = closest(spec, builtIn);
  const choices = `${builtIn.join(', ')}, a suite file (./suite.ts), or an installed suite package`;
  return new UnknownSuite(
    `unknown suite \`${spec}\`${where}: ${near === undefined ? `choose one of ${choices}` : `did you mean \`${near}\`?`}`,
  );
}

/**
 * What `spec` names: one of `builtIn`, a file (a path, or a name ending in .ts or .js, taken from
 * `base`), or a package installed in node_modules at `base` or above. Throws a ConfigError naming the
 * fix; `where` says where the name was given (` in conform.config.json`, or empty for --suite).
 */
export function suiteSource(
  spec: string,
  base: string,
  builtIn: readonly string[],
  where: string,
): SuiteSource {
  if (builtIn.includes(spec)) return { kind: 'built-in', name: spec };
  if (fileLike.test(spec)) {
    const file = resolve(base, spec);
    if (!existsSync(file))
      throw new ConfigError(`the suite file ${spec} does not exist (looked for ${file})`);
    return { kind: 'file', file, shownAs: spec };
  }
  const folder = packageName.test(spec) ? packageFolder(spec, base) : undefined;
  if (folder === undefined) throw unknownSuite(spec, builtIn, where);
  return { kind: 'file', file: packageEntry(folder), shownAs: spec };
}
