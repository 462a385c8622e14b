/** The languages conform can phrase hints for. */
export type LanguageName = 'python' | 'node' | 'c' | 'java';

/**
 * What the server is written in, as far as conform can tell, and whether it serves its clients from
 * one event loop (select, poll, asyncio, a Selector; Node always does) rather than blocking calls.
 */
export interface ServerLanguage {
  readonly name: LanguageName | undefined;
  readonly events: boolean;
}

export const unknownLanguage: ServerLanguage = { name: undefined, events: false };

const byExtension: ReadonlyMap<string, LanguageName> = new Map([
  ['.py', 'python'],
  ['.js', 'node'],
  ['.mjs', 'node'],
  ['.cjs', 'node'],
  ['.ts', 'node'],
  ['.mts', 'node'],
  ['.cts', 'node'],
  ['.c', 'c'],
  ['.h', 'c'],
  ['.java', 'java'],
  ['.jar', 'java'],
  ['.class', 'java'],
]);

/** The language of a file by its name: `server.py`, `Main.java`. */
export function languageOfFile(name: string): LanguageName | undefined {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : byExtension.get(name.slice(dot).toLowerCase());
}

/** The language a program runs or builds: `python3.12`, `node`, `tsx`, `java`, `javac`, `gcc`. */
export function languageOfProgram(program: string): LanguageName | undefined {
  const name = program.slice(program.lastIndexOf('/') + 1);
  if (/^(python|pypy)(\d+(\.\d+)*)?$/.test(name)) return 'python';
  if (/^(node|nodejs|tsx|ts-node|bun|deno)$/.test(name)) return 'node';
  if (/^(java|javac)$/.test(name)) return 'java';
  if (/^(gcc|cc|clang|tcc)(-\d+)?$/.test(name)) return 'c';
  return undefined;
}

const eventLoopSigns: Readonly<Record<LanguageName, RegExp>> = {
  python:
    /\b(import selectors|from selectors|import select\b|select\.(select|poll|epoll)\(|asyncio|setblocking\(\s*False\s*\))/,
  node: /./,
  c: /\b(poll|ppoll|select|pselect|epoll_wait|kevent)\s*\(|O_NONBLOCK/,
  java: /\bSelector\b|configureBlocking\s*\(\s*false\s*\)|AsynchronousServerSocketChannel/,
};

/** Whether a server's source serves its clients from an event loop. */
export function usesEventLoop(name: LanguageName, source: string): boolean {
  return eventLoopSigns[name].test(source);
}
