import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInvocation } from '../../../harness/config/resolve-invocation.js';
import { repoRoot } from '../../support/run-conform.js';

let root: string;
/** A PATH folder as `npm install -g` leaves it: `conform`, a link to this package's launcher. */
let installed: string;
/** A PATH folder whose `conform` is some other program. */
let other: string;
const launcher = join(repoRoot, 'bin', 'conform.js');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-invocation-'));
  installed = join(root, 'installed');
  other = join(root, 'other');
  mkdirSync(installed);
  mkdirSync(other);
  symlinkSync(launcher, join(installed, 'conform'));
  writeFileSync(join(other, 'conform'), '#!/bin/sh\n');
  chmodSync(join(other, 'conform'), 0o755);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveInvocation', () => {
  it('is `conform` where `conform` on PATH is this package, as after npm install -g', () => {
    expect(resolveInvocation({ PATH: `${other}-missing:${installed}` }, root, launcher)).toBe('conform');
  });

  it('is `npx conform` under npx or npm exec, as npm 11 marks them', () => {
    const npx = { npm_command: 'exec', npm_lifecycle_event: 'npx' };
    expect(resolveInvocation({ PATH: installed, ...npx }, root, launcher)).toBe('npx conform');
    expect(resolveInvocation({ PATH: installed, npm_lifecycle_event: 'npx' }, root, launcher)).toBe(
      'npx conform',
    );
  });

  it('is `npx conform` in a package script, whose node_modules/.bin is on PATH only while npm runs it', () => {
    const script = { npm_command: 'run', npm_lifecycle_event: 'test' };
    expect(resolveInvocation({ PATH: installed, ...script }, root, launcher)).toBe('npx conform');
  });

  it('is `npx conform` where `conform` is not on PATH, or is another program', () => {
    expect(resolveInvocation({ PATH: root }, root, launcher)).toBe('npx conform');
    expect(resolveInvocation({}, root, launcher)).toBe('npx conform');
    expect(resolveInvocation({ PATH: `${other}:${installed}` }, root, launcher)).toBe('npx conform');
  });

  it("finds this package's launcher by itself", () => {
    expect(resolveInvocation({ PATH: installed }, root)).toBe('conform');
  });
});
