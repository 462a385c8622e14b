import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolchainFolders } from '../../../harness/supervisor/sandbox/toolchain-folders.js';

// A home laid out as version managers leave it.
let home: string;

beforeAll(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), 'conform-toolchains-')));
  for (const folder of [
    '.pyenv/shims',
    '.pyenv/versions/3.12/bin',
    '.cargo/bin',
    'bin',
    '.ssh',
    'course/class',
  ]) {
    mkdirSync(join(home, folder), { recursive: true });
  }
  writeFileSync(join(home, '.pyenv/versions/3.12/bin/python3.12'), '');
  symlinkSync(
    join(home, '.pyenv/versions/3.12/bin/python3.12'),
    join(home, '.pyenv/versions/3.12/bin/python3'),
  );
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the toolchains a confined server may read in a hidden folder', () => {
  it('takes the installation a program or a PATH folder belongs to, through links', () => {
    const folders = toolchainFolders({
      searchPath: [join(home, '.pyenv/shims'), join(home, '.cargo/bin'), '/usr/bin', 'relative/bin'].join(
        ':',
      ),
      programs: [join(home, '.pyenv/versions/3.12/bin/python3')],
      folders: [],
      hidden: [home],
    });
    expect(folders).toEqual([
      join(home, '.pyenv'),
      join(home, '.cargo'),
      '/usr',
      join(home, '.pyenv/versions/3.12'),
    ]);
  });

  it('takes a folder both as named and where its link leads', () => {
    symlinkSync(join(home, '.pyenv/versions/3.12'), join(home, '.pyenv/versions/current'));
    const folders = toolchainFolders({
      searchPath: join(home, '.pyenv/versions/current/bin'),
      programs: [],
      folders: [],
      hidden: [home],
    });
    expect(folders).toEqual([join(home, '.pyenv/versions/current'), join(home, '.pyenv/versions/3.12')]);
  });

  it('never names a hidden folder or one that holds one: ~/bin stays itself, and the home is not shown', () => {
    const folders = toolchainFolders({
      searchPath: [join(home, 'bin'), home, join(home, 'course')].join(':'),
      programs: [],
      folders: [home, join(home, 'course/class')],
      hidden: [home, join(home, 'course/class')],
    });
    expect(folders).toEqual([join(home, 'bin')]);
  });

  it('shows nothing through a link that leads into a hidden folder', () => {
    mkdirSync(join(home, 'course/class/bob'), { recursive: true });
    symlinkSync(join(home, 'course/class'), join(home, 'linked-class'));
    const folders = toolchainFolders({
      searchPath: join(home, 'linked-class/bob'),
      programs: [],
      folders: [join(home, 'linked-class')],
      hidden: [home, join(home, 'course/class')],
    });
    expect(folders).toEqual([]);
  });

  it('skips what does not exist', () => {
    expect(
      toolchainFolders({
        searchPath: '/nowhere/bin',
        programs: ['/nowhere/python'],
        folders: ['/nowhere'],
        hidden: [],
      }),
    ).toEqual([]);
  });
});
