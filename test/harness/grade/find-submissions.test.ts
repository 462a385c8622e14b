import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSubmissions, type Submission } from '../../../harness/grade/find-submissions.js';

let root: string;
let classDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-find-submissions-'));
  classDir = join(root, 'class');
  mkdirSync(classDir);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function folder(name: string): void {
  mkdirSync(join(classDir, name), { recursive: true });
}

function file(name: string): void {
  writeFileSync(join(classDir, name), 'PK');
}

/** The output folder given outside the class folder, so it never hides a submission. */
function outside(): string {
  return join(root, 'results');
}

function ids(submissions: Submission[]): string[] {
  return submissions.map((submission) => submission.id);
}

describe('findSubmissions', () => {
  it('takes every subfolder and .zip as a submission, sorted by id', () => {
    folder('carol');
    file('alice.zip');
    folder('bob');
    file('Dave.zip');
    expect(findSubmissions(classDir, outside())).toEqual([
      { id: 'Dave', source: join(classDir, 'Dave.zip'), kind: 'zip' },
      { id: 'alice', source: join(classDir, 'alice.zip'), kind: 'zip' },
      { id: 'bob', source: join(classDir, 'bob'), kind: 'folder' },
      { id: 'carol', source: join(classDir, 'carol'), kind: 'folder' },
    ]);
  });

  it('leaves out hidden entries and plain files that are not zips', () => {
    folder('.git');
    file('.hidden.zip');
    file('notes.txt');
    file('alice.zip.bak');
    file('README');
    folder('bob');
    expect(ids(findSubmissions(classDir, outside()))).toEqual(['bob']);
  });

  it('leaves out the output folder when it lies inside the class folder', () => {
    folder('alice');
    folder('results');
    expect(ids(findSubmissions(classDir, join(classDir, 'results')))).toEqual(['alice']);
  });

  it('still takes a folder named like the output folder when the output lies elsewhere', () => {
    folder('alice');
    folder('results');
    expect(ids(findSubmissions(classDir, outside()))).toEqual(['alice', 'results']);
  });

  it('keeps .zip in the id of a zip whose stem is also a folder, so ids do not clash', () => {
    folder('alice');
    file('alice.zip');
    file('bob.zip');
    expect(findSubmissions(classDir, outside())).toEqual([
      { id: 'alice', source: join(classDir, 'alice'), kind: 'folder' },
      { id: 'alice.zip', source: join(classDir, 'alice.zip'), kind: 'zip' },
      { id: 'bob', source: join(classDir, 'bob.zip'), kind: 'zip' },
    ]);
  });

  it('counts a .ZIP in upper case as a zip', () => {
    file('alice.ZIP');
    file('bob.Zip');
    expect(findSubmissions(classDir, outside())).toEqual([
      { id: 'alice', source: join(classDir, 'alice.ZIP'), kind: 'zip' },
      { id: 'bob', source: join(classDir, 'bob.Zip'), kind: 'zip' },
    ]);
  });

  it('finds nothing in an empty class folder', () => {
    expect(findSubmissions(classDir, outside())).toEqual([]);
  });
});
