import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveServerLanguage } from '../../../harness/config/resolve-server-language.js';

const folder = mkdtempSync(join(tmpdir(), 'conform-language-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(folder, name), text);
  return name;
}

const of = (input: { target?: string; command?: string[]; build?: string[] }) =>
  resolveServerLanguage({
    target: input.target,
    command: input.command ?? [],
    build: input.build,
    cwd: folder,
  });

describe('resolveServerLanguage', () => {
  it('reads the language from the target file, and an event loop from its source', () => {
    expect(of({ target: file('threads.py', 'import threading\nthreading.Thread') })).toEqual({
      name: 'python',
      events: false,
    });
    expect(of({ target: file('loop.py', 'import selectors\nsel = selectors.DefaultSelector()') })).toEqual({
      name: 'python',
      events: true,
    });
    expect(of({ target: file('poll.c', 'int n = poll(fds, count, -1);') })).toEqual({
      name: 'c',
      events: true,
    });
    expect(of({ target: file('Server.java', 'Socket s = server.accept();') })).toEqual({
      name: 'java',
      events: false,
    });
    expect(of({ target: file('server.mjs', "import net from 'node:net';") })).toEqual({
      name: 'node',
      events: true,
    });
  });

  it('reads it from a command: a source file among its words, or the program that runs it', () => {
    file('cmd.py', 'import asyncio');
    expect(of({ command: ['python3', 'cmd.py', '{port}'] })).toEqual({ name: 'python', events: true });
    expect(of({ command: ['java', '-cp', 'build', 'EchoServer', '{port}'] })).toEqual({
      name: 'java',
      events: false,
    });
  });

  it('reads a script by its shebang, and a compiled program by the C file beside it', () => {
    const script = file('serve', '#!/usr/bin/env python3\nimport socket\n');
    chmodSync(join(folder, script), 0o755);
    expect(of({ target: script })).toEqual({ name: 'python', events: false });
    file('echo_server', '\x7fELF');
    file('echo_server.c', 'while ((n = read(fd, buf, sizeof buf)) > 0) write(fd, buf, n);');
    expect(of({ target: 'echo_server' })).toEqual({ name: 'c', events: false });
  });

  it("reads it from the course's build command when the target says nothing", () => {
    file('built', '\x7fELF');
    expect(of({ target: 'built', build: ['gcc', '-o', 'built', 'main.c'] }).name).toBe('c');
    expect(of({ target: 'built', build: ['make'] }).name).toBeUndefined();
  });
});
