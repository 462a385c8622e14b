import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  languageOfFile,
  languageOfProgram,
  unknownLanguage,
  usesEventLoop,
  type LanguageName,
  type ServerLanguage,
} from '../hints/server-language.js';

export interface LanguageInput {
  readonly target: string | undefined;
  readonly command: readonly string[];
  /** The course's build command, whose sources name the language of what it builds. */
  readonly build: readonly string[] | undefined;
  readonly cwd: string;
}

/** How much of a source file is read to see whether it serves clients from an event loop. */
const sourceBytes = 512 * 1024;

function head(path: string, bytes: number): Buffer | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

interface Found {
  readonly name: LanguageName;
  /** The source file, when there is one to read. */
  readonly source?: string;
}

/** A source file among some words (a command's arguments, a build's inputs). */
function sourceAmong(words: readonly string[], cwd: string): Found | undefined {
  for (const word of words) {
    const name = languageOfFile(word);
    if (name !== undefined) return { name, source: resolve(cwd, word) };
  }
  return undefined;
}

/** A program file: by its shebang, or a compiled one by the C file of the same name beside it. */
function fromProgramFile(path: string): Found | undefined {
  const start = head(path, 256);
  if (start === undefined) return undefined;
  if (start.subarray(0, 2).toString() === '#!') {
    const words = start.toString('utf8').slice(2).split('\n')[0]?.trim().split(/\s+/) ?? [];
    const program = words[0]?.endsWith('/env')
      ? words.find((word, index) => index > 0 && !word.startsWith('-'))
      : words[0];
    const name = program === undefined ? undefined : languageOfProgram(program);
    return name === undefined ? undefined : { name, source: path };
  }
  const sibling = join(dirname(path), `${basename(path, extname(path))}.c`);
  return head(sibling, 1) === undefined ? undefined : { name: 'c', source: sibling };
}

function find(input: LanguageInput): Found | undefined {
  const { target, command, build, cwd } = input;
  if (target !== undefined) {
    const name = languageOfFile(target);
    if (name !== undefined) return { name, source: resolve(cwd, target) };
    const fromFile = fromProgramFile(resolve(cwd, target));
    if (fromFile !== undefined) return fromFile;
  }
  const inCommand = sourceAmong(command, cwd);
  if (inCommand !== undefined) return inCommand;
  const program = command[0];
  const byProgram = program === undefined ? undefined : languageOfProgram(program);
  if (byProgram !== undefined) return { name: byProgram };
  if (program !== undefined) {
    const fromFile = fromProgramFile(resolve(cwd, program));
    if (fromFile !== undefined) return fromFile;
  }
  if (build === undefined) return undefined;
  const built = sourceAmong(build, cwd);
  if (built !== undefined) return built;
  const compiler = build[0] === undefined ? undefined : languageOfProgram(build[0]);
  return compiler === undefined ? undefined : { name: compiler };
}

/** What the server is written in, for hints in its own terms; unknown when nothing says. */
export function resolveServerLanguage(input: LanguageInput): ServerLanguage {
  const found = find(input);
  if (found === undefined) return unknownLanguage;
  if (found.name === 'node') return { name: 'node', events: true };
  const source = found.source === undefined ? undefined : head(found.source, sourceBytes);
  const text = source === undefined || found.source?.endsWith('.jar') === true ? '' : source.toString('utf8');
  return { name: found.name, events: text !== '' && usesEventLoop(found.name, text) };
}
