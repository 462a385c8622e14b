import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourseConfig } from '../../../harness/config/load-course-config.js';
import { bundledSuiteFiles } from '../../../harness/init/suite-files.js';
import { runBin } from '../../support/run-bin.js';
import { repoRoot } from '../../support/run-conform.js';

let course: string;

beforeAll(async () => {
  course = await mkdtemp(join(tmpdir(), 'conform-course-'));
  await cp(join(repoRoot, 'examples', 'kv'), join(course, 'suites', 'kv'), { recursive: true });
  await writeFile(
    join(course, 'conform.config.json'),
    JSON.stringify({ suite: './suites/kv/suite.ts', start: 'server.py', only: ['kv.set-get'] }),
  );
});

afterAll(async () => {
  await rm(course, { recursive: true, force: true });
});

describe("the course's suite in a set-up", () => {
  it('goes along, at the same place beside the config, without its example servers', () => {
    const loaded = loadCourseConfig(undefined, course);
    if (loaded === undefined) throw new Error('the course config was not found');
    const files = bundledSuiteFiles(loaded).map((file) => file.path);
    expect(files.sort()).toEqual(['suites/kv/model.ts', 'suites/kv/protocol.md', 'suites/kv/suite.ts']);
  });

  it('is found from the set-up alone, as the config names it', async () => {
    const loaded = loadCourseConfig(undefined, course);
    if (loaded === undefined) throw new Error('the course config was not found');
    const setup = join(course, 'setup');
    await mkdir(setup);
    await cp(join(course, 'conform.config.json'), join(setup, 'conform.config.json'));
    for (const file of bundledSuiteFiles(loaded)) {
      await mkdir(join(setup, file.path, '..'), { recursive: true });
      await writeFile(join(setup, file.path), file.content);
    }
    const listed = await runBin(['--config', join(setup, 'conform.config.json'), '--list'], tmpdir(), {
      json: false,
    });
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`(protocol: ${join(setup, 'suites', 'kv', 'protocol.md')})`);
  });

  it("is none for a suite of conform's own, and refused when it lies outside the course folder", async () => {
    const own = await mkdtemp(join(tmpdir(), 'conform-course-'));
    try {
      await writeFile(
        join(own, 'conform.config.json'),
        JSON.stringify({ suite: 'chat', start: 'server.py' }),
      );
      const chat = loadCourseConfig(undefined, own);
      if (chat === undefined) throw new Error('the course config was not found');
      expect(bundledSuiteFiles(chat)).toEqual([]);
      await writeFile(
        join(own, 'conform.config.json'),
        JSON.stringify({ suite: join(course, 'suites', 'kv', 'suite.ts'), start: 'server.py' }),
      );
      const outside = loadCourseConfig(undefined, own);
      if (outside === undefined) throw new Error('the course config was not found');
      expect(() => bundledSuiteFiles(outside)).toThrow(
        /is not in a folder beside conform\.config\.json: move it there/,
      );
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
