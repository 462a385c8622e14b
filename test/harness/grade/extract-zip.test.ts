import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractZip, ZipError } from '../../../harness/grade/extract-zip.js';
import { makeZip, type ZipEntrySpec } from './make-zip.js';

let root: string;
let target: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-extract-zip-'));
  target = join(root, 'out');
  mkdirSync(target);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function zipOf(entries: readonly ZipEntrySpec[]): string {
  return makeZip(join(root, 'submission.zip'), entries);
}

/** The error extractZip rejects with, so a test can look at its class and message. */
async function refusal(promise: Promise<void>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected extractZip to reject, but it resolved');
}

describe('extractZip', () => {
  it('unpacks nested folders with their contents and keeps the exec bit', async () => {
    const file = zipOf([
      { name: 'server/' },
      { name: 'server/src/' },
      { name: 'server/src/main.c', text: 'int main(void) { return 0; }\n' },
      { name: 'server/run.sh', text: '#!/bin/sh\nexec ./server "$@"\n', mode: 0o755 },
      { name: 'server/README', text: 'read me\n', mode: 0o644 },
      { name: 'implicit/folder/deep.txt', text: 'no folder entry above me\n' },
    ]);
    await extractZip(file, target);
    expect(readFileSync(join(target, 'server/src/main.c'), 'utf8')).toBe('int main(void) { return 0; }\n');
    expect(readFileSync(join(target, 'server/run.sh'), 'utf8')).toBe('#!/bin/sh\nexec ./server "$@"\n');
    expect(readFileSync(join(target, 'implicit/folder/deep.txt'), 'utf8')).toBe('no folder entry above me\n');
    // The owner's bit only: the group's and others' depend on the umask.
    expect(statSync(join(target, 'server/run.sh')).mode & 0o100).toBe(0o100);
    expect(statSync(join(target, 'server/README')).mode & 0o111).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['implicit', 'server']);
  });

  it.each(['../evil.txt', 'sub/../../evil.txt'])(
    'refuses an entry named %s with a ZipError and writes nothing outside the folder',
    async (name) => {
      const file = zipOf([
        { name: 'ok.txt', text: 'fine\n' },
        { name, text: 'escaped\n' },
      ]);
      const error = await refusal(extractZip(file, target));
      expect(error).toBeInstanceOf(ZipError);
      expect(existsSync(join(root, 'evil.txt'))).toBe(false);
      expect(readdirSync(root).sort()).toEqual(['out', 'submission.zip']);
    },
  );

  it('refuses an entry with an absolute name with a ZipError and writes nothing outside the folder', async () => {
    const name = `${root}/abs.txt`;
    const file = zipOf([{ name, text: 'escaped\n' }]);
    const error = await refusal(extractZip(file, target));
    expect(error).toBeInstanceOf(ZipError);
    expect(existsSync(name)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['out', 'submission.zip']);
  });

  it('refuses an entry named /abs.txt with a ZipError', async () => {
    const file = zipOf([{ name: '/abs.txt', text: 'escaped\n' }]);
    const error = await refusal(extractZip(file, target));
    expect(error).toBeInstanceOf(ZipError);
    expect(readdirSync(root).sort()).toEqual(['out', 'submission.zip']);
  });

  it('refuses a zip that unpacks to more than maxBytes', async () => {
    const file = zipOf([{ name: 'big.bin', size: 5000 }]);
    const error = await refusal(extractZip(file, target, { maxBytes: 1000, maxEntries: 100 }));
    expect(error).toBeInstanceOf(ZipError);
    expect(error.message).toMatch(/unpacks to more than/);
  });

  it('counts the bytes of all entries together against maxBytes', async () => {
    const file = zipOf([
      { name: 'a.bin', size: 600 },
      { name: 'b.bin', size: 600 },
    ]);
    const error = await refusal(extractZip(file, target, { maxBytes: 1000, maxEntries: 100 }));
    expect(error).toBeInstanceOf(ZipError);
  });

  it('unpacks a zip exactly at its limits', async () => {
    const file = zipOf([
      { name: 'a.bin', size: 500 },
      { name: 'b.bin', size: 500 },
    ]);
    await extractZip(file, target, { maxBytes: 1000, maxEntries: 2 });
    expect(statSync(join(target, 'a.bin')).size + statSync(join(target, 'b.bin')).size).toBe(1000);
  });

  it('refuses a zip with more entries than maxEntries', async () => {
    const file = zipOf([
      { name: 'a.txt', text: 'a' },
      { name: 'b.txt', text: 'b' },
      { name: 'c.txt', text: 'c' },
    ]);
    const error = await refusal(extractZip(file, target, { maxBytes: 1000, maxEntries: 2 }));
    expect(error).toBeInstanceOf(ZipError);
    expect(error.message).toMatch(/more than 2 entries/);
  });

  it('refuses a file that is not a zip with a ZipError', async () => {
    const file = join(root, 'submission.zip');
    writeFileSync(file, 'this is a C file, not an archive\n');
    const error = await refusal(extractZip(file, target));
    expect(error).toBeInstanceOf(ZipError);
    expect(error.message).toMatch(/not a readable zip file/);
  });
});
