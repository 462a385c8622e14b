import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import schema from '../../../harness/config/config.schema.json' with { type: 'json' };
import type { CourseConfig } from '../../../harness/config/course-config.js';
import { readConfigFile } from '../../../harness/config/read-config-file.js';

const folder = mkdtempSync(join(tmpdir(), 'conform-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function read(text: string): CourseConfig {
  const file = join(folder, 'conform.config.json');
  writeFileSync(file, text);
  return readConfigFile(file, folder).config;
}

function problem(value: unknown): string {
  try {
    read(typeof value === 'string' ? value : JSON.stringify(value));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('readConfigFile', () => {
  it('reads a file that begins with a byte order mark', () => {
    expect(read('\uFEFF{"suite": "chat"}')).toEqual({ suite: 'chat' });
  });

  it('accepts every key the schema documents', () => {
    const full: Required<CourseConfig> = {
      suite: 'chat',
      start: ['java', '-cp', '{dir}', 'Server', '{port}'],
      build: ['javac', 'Server.java'],
      buildTimeout: 30_000,
      points: { 'chat.*': 2, 'chat.model': 0 },
      timeLimits: { 'chat.*': '10s', 'chat.model': 30_000 },
      visibility: { 'chat.model': 'after_published' },
      only: ['chat.*'],
      skip: ['chat.model'],
      seed: 42,
      runs: 10,
      timeout: 3000,
      startupTimeout: 20_000,
      shrinkTime: 1000,
      port: 2000,
      jobs: 2,
      reporters: ['junit=out/junit.xml'],
      submissionTimeout: 300_000,
      memory: 512,
      maxProcs: 64,
      cpuTime: 30,
      openFiles: 256,
      disk: 64,
      expose: ['~/.m2'],
      isolate: 'on',
      env: { DEBUG: '1' },
      passEnv: ['JAVA_TOOL_OPTIONS'],
    };
    expect(read(JSON.stringify({ $schema: './conform.config.schema.json', ...full }))).toMatchObject(full);
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', ...Object.keys(full)].sort());
  });

  it('documents every key, for editors to show', () => {
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, key).toMatch(/\w/);
    }
  });

  it('names an unknown key and the closest one', () => {
    expect(problem({ sutie: 'echo' })).toBe(
      'unknown key `sutie` in conform.config.json: did you mean `suite`?',
    );
    expect(problem({ xyzzy: 1 })).toMatch(
      /^unknown key `xyzzy` in conform.config.json: choose one of \$schema, suite, /,
    );
  });

  it('names a value of the wrong type, with the value given', () => {
    expect(problem({ timeout: '2s' })).toBe(
      '`timeout` in conform.config.json must be a whole number, got "2s"',
    );
    expect(problem({ points: { 'echo.large': 'two' } })).toBe(
      '`points["echo.large"]` in conform.config.json must be a number, got "two"',
    );
    expect(problem({ build: 'make' })).toBe('`build` in conform.config.json must be an array, got "make"');
  });

  it('names an unknown choice and the closest valid one', () => {
    expect(problem({ isolate: 'atuo' })).toBe(
      '`isolate` in conform.config.json must be one of auto, on, off, got "atuo": did you mean `auto`?',
    );
    expect(problem({ visibility: { 'echo.*': 'secret' } })).toBe(
      '`visibility["echo.*"]` in conform.config.json must be one of visible, hidden, after_due_date, after_published, got "secret"',
    );
  });

  it('names values out of range and empty ones', () => {
    expect(problem({ port: 70000 })).toBe('`port` in conform.config.json must be at most 65535, got 70000');
    expect(problem({ points: { 'echo.accept': -1 } })).toBe(
      '`points["echo.accept"]` in conform.config.json must be at least 0, got -1',
    );
    expect(problem({ build: [] })).toBe('`build` in conform.config.json must not be empty');
    expect(problem({ start: 5 })).toBe(
      '`start` in conform.config.json must be the server\'s file name, {"firstOf": [file names]}, or a command as an array of strings, got 5',
    );
  });

  it('names a variable name that is not one', () => {
    expect(problem({ env: { 'MY-VAR': '1' } })).toBe(
      '`env` in conform.config.json must name variables (letters, digits and _, not first a digit), got "MY-VAR"',
    );
    expect(problem({ passEnv: ['OK', '2FA'] })).toBe(
      '`passEnv["1"]` in conform.config.json must name variables (letters, digits and _, not first a digit), got "2FA"',
    );
  });

  it('says where JSON is broken, by line and column, with the fix, and when the file is missing', () => {
    expect(problem('{\n  "suite": "echo",\n}\n')).toBe(
      'conform.config.json:2:18: not valid JSON: JSON allows no comma before }: remove it',
    );
    expect(problem('{\n  "suite": "echo"\n  "seed": 1\n}')).toBe(
      'conform.config.json:3:3: not valid JSON: a comma is missing before this key: add , after the one before it',
    );
    expect(() => readConfigFile(join(folder, 'missing.json'), folder)).toThrow(
      'no such config file: missing.json (check --config)',
    );
  });
});
