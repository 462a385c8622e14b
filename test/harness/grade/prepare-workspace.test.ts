import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../../harness/grade/find-submissions.js';
import { ForeignLinkError } from '../../../harness/grade/foreign-link.js';
import { prepareWorkspace, submissionFingerprint } from '../../../harness/grade/prepare-workspace.js';
import { makeZip } from './make-zip.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-prepare-workspace-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A folder submission under the temporary root holding these files (paths relative to it). */
function folderSubmission(name: string, files: Readonly<Record<string, string>>): Submission {
  const source = join(root, 'class', name);
  mkdirSync(source, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(source, path)), { recursive: true });
    writeFileSync(join(source, path), text);
  }
  return { id: name, source, kind: 'folder' };
}

function zipSubmission(name: string, entries: Parameters<typeof makeZip>[1]): Submission {
  mkdirSync(join(root, 'class'), { recursive: true });
  return { id: name, source: makeZip(join(root, 'class', `${name}.zip`), entries), kind: 'zip' };
}

const serverFiles = { 'server.c': 'int main(void) { return 0; }\n', 'src/util.h': '#pragma once\n' };

describe('prepareWorkspace', () => {
  it('copies a folder submission, and a change in the copy leaves the original alone', async () => {
    const submission = folderSubmission('alice', serverFiles);
    const workspace = join(root, 'work', 'alice');
    const dir = await prepareWorkspace(submission, workspace);
    expect(dir).toBe(workspace);
    expect(readFileSync(join(dir, 'server.c'), 'utf8')).toBe(serverFiles['server.c']);
    expect(readFileSync(join(dir, 'src/util.h'), 'utf8')).toBe(serverFiles['src/util.h']);

    writeFileSync(join(dir, 'server.c'), 'changed by a build\n');
    writeFileSync(join(dir, 'server.o'), 'build output\n');
    expect(readFileSync(join(submission.source, 'server.c'), 'utf8')).toBe(serverFiles['server.c']);
    expect(readdirSync(submission.source).sort()).toEqual(['server.c', 'src']);
  });

  it('starts from an empty folder, dropping what an earlier attempt left there', async () => {
    const submission = folderSubmission('alice', serverFiles);
    const workspace = join(root, 'work', 'alice');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'stale.o'), 'from the last run\n');
    await prepareWorkspace(submission, workspace);
    expect(readdirSync(workspace).sort()).toEqual(['server.c', 'src']);
  });

  it("copies links as links, never following them, and refuses one into a classmate's folder", async () => {
    const bob = folderSubmission('bob', { 'server.py': 'print("bob")\n' });
    const alice = folderSubmission('alice', serverFiles);
    symlinkSync('/usr/bin/env', join(alice.source, 'env'));
    symlinkSync('server.c', join(alice.source, 'main.c'));
    const workspace = join(root, 'work', 'alice');
    await prepareWorkspace(alice, workspace, { forbidden: [join(root, 'class')], owner: undefined });
    expect(readlinkSync(join(workspace, 'env'))).toBe('/usr/bin/env');
    expect(readlinkSync(join(workspace, 'main.c'))).toBe('server.c');

    symlinkSync('../bob/server.py', join(alice.source, 'server.py'));
    await expect(
      prepareWorkspace(alice, workspace, { forbidden: [join(root, 'class')], owner: undefined }),
    ).rejects.toThrow(
      new ForeignLinkError(
        'server.py is a link to ../bob/server.py, outside the submission: a submission is graded on its own files (replace the link by the file itself)',
      ),
    );
    expect(readFileSync(join(bob.source, 'server.py'), 'utf8')).toBe('print("bob")\n');
  });

  it.skipIf(process.getuid?.() !== 0)(
    'gives the copy, links included, to the user servers run as, and leaves the original as it was',
    async () => {
      const submission = folderSubmission('alice', serverFiles);
      symlinkSync('server.c', join(submission.source, 'main.c'));
      const workspace = join(root, 'work', 'alice');
      await prepareWorkspace(submission, workspace, { forbidden: [], owner: { uid: 65534, gid: 65534 } });
      for (const path of ['.', 'server.c', 'src', 'src/util.h', 'main.c']) {
        expect(lstatSync(join(workspace, path)).uid, path).toBe(65534);
        expect(lstatSync(join(submission.source, path)).uid, path).toBe(0);
      }
    },
  );

  it('grades a zip holding one top-level folder (and __MACOSX) from inside that folder', async () => {
    const submission = zipSubmission('bob', [
      { name: 'bob-server/' },
      { name: 'bob-server/server.c', text: 'int main(void) { return 1; }\n' },
      { name: 'bob-server/src/util.h', text: '#pragma once\n' },
      { name: '__MACOSX/' },
      { name: '__MACOSX/bob-server/._server.c', text: 'resource fork' },
    ]);
    const workspace = join(root, 'work', 'bob');
    const dir = await prepareWorkspace(submission, workspace);
    expect(dir).toBe(join(workspace, 'bob-server'));
    expect(readFileSync(join(dir, 'server.c'), 'utf8')).toBe('int main(void) { return 1; }\n');
    expect(readFileSync(join(dir, 'src/util.h'), 'utf8')).toBe('#pragma once\n');
  });

  it('grades a zip with files at its top level from the folder it was unpacked in', async () => {
    const submission = zipSubmission('carol', [
      { name: 'server.c', text: 'int main(void) { return 2; }\n' },
      { name: 'src/util.h', text: '#pragma once\n' },
    ]);
    const workspace = join(root, 'work', 'carol');
    const dir = await prepareWorkspace(submission, workspace);
    expect(dir).toBe(workspace);
    expect(readFileSync(join(dir, 'server.c'), 'utf8')).toBe('int main(void) { return 2; }\n');
  });
});

describe('submissionFingerprint', () => {
  it('is the same for two identical folders in different places', async () => {
    const one = await submissionFingerprint(folderSubmission('alice', serverFiles));
    const two = await submissionFingerprint(folderSubmission('bob', serverFiles));
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(two).toBe(one);
  });

  it("changes when a file's content changes", async () => {
    const submission = folderSubmission('alice', serverFiles);
    const before = await submissionFingerprint(submission);
    writeFileSync(join(submission.source, 'src/util.h'), '#pragma once\n#define N 1\n');
    expect(await submissionFingerprint(submission)).not.toBe(before);
  });

  it("changes when a file's name changes", async () => {
    const submission = folderSubmission('alice', serverFiles);
    const before = await submissionFingerprint(submission);
    renameSync(join(submission.source, 'src/util.h'), join(submission.source, 'src/utils.h'));
    expect(await submissionFingerprint(submission)).not.toBe(before);
  });

  it('changes when a file moves to another folder', async () => {
    const submission = folderSubmission('alice', serverFiles);
    const before = await submissionFingerprint(submission);
    renameSync(join(submission.source, 'src/util.h'), join(submission.source, 'util.h'));
    expect(await submissionFingerprint(submission)).not.toBe(before);
  });

  it("changes when a link's target changes", async () => {
    const submission = folderSubmission('alice', serverFiles);
    symlinkSync('server.c', join(submission.source, 'main.c'));
    const before = await submissionFingerprint(submission);
    rmSync(join(submission.source, 'main.c'));
    symlinkSync('src/util.h', join(submission.source, 'main.c'));
    expect(await submissionFingerprint(submission)).not.toBe(before);
  });

  it("of a zip follows the zip's bytes", async () => {
    const one = zipSubmission('dave', [{ name: 'server.c', text: 'one\n' }]);
    const before = await submissionFingerprint(one);
    expect(await submissionFingerprint(one)).toBe(before);
    const two = zipSubmission('dave', [{ name: 'server.c', text: 'two\n' }]);
    expect(await submissionFingerprint(two)).not.toBe(before);
  });
});
