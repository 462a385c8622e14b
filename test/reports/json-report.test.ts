import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../harness/cli/report-writer.js';
import { jsonFormat } from '../../reports/json/json-format.js';
import schema from '../../reports/json/report.schema.json' with { type: 'json' };
import { sampleReport } from '../support/sample-report.js';
import { runConform } from '../support/run-conform.js';

const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(report: unknown): void {
  const valid = validate(report);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
}

// A server that upper-cases what it echoes: it fails with mismatches, so every failure field is exercised.
const shouting = `require('net').createServer({allowHalfOpen: true}, (s) => { s.on('data', (d) => s.write(d.toString('latin1').toUpperCase(), 'latin1')); s.on('end', () => s.end()); s.on('error', () => {}); }).listen(process.env.PORT, '127.0.0.1')`;

describe('the JSON report', () => {
  it('matches the schema for a sample with every field', () => {
    expectValid(sampleReport);
  });

  it('matches the schema with the notes a run made, and is rejected with an empty list of them', () => {
    expectValid({ ...sampleReport, notes: ['the server does not answer WHO yet'] });
    expect(validate(JSON.parse(JSON.stringify({ ...sampleReport, notes: [] })))).toBe(false);
  });

  it('is rejected by the schema when a failed test has no failure', () => {
    const broken = { ...sampleReport, tests: [{ ...sampleReport.tests[1], failure: undefined }] };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('is written to a new folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-json-'));
    try {
      const file = join(folder, 'deep', 'report.json');
      await writeReports(
        sampleReport,
        [{ format: jsonFormat, file }],
        { visibility: () => 'visible' },
        {
          cwd: folder,
          stdout: { write: () => undefined },
          stepSummaryFile: undefined,
        },
      );
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(sampleReport)));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('from a run with failures matches the schema', async () => {
    const run = await runConform([
      '--only',
      'echo.single-message',
      '--only',
      'echo.accept',
      '--skip',
      'echo.accept',
      '--',
      process.execPath,
      '-e',
      shouting,
    ]);
    expect(run.exitCode).toBe(1);
    expectValid(run.report);
    const failed = run.report?.tests.find((test) => test.id === 'echo.single-message');
    expect(failed?.failure?.kind).toBe('mismatch');
    expect(failed?.failure?.diff?.offset).toBe(1);
    // The exchange: c1's write, the wrong bytes read back marked failing, and what never came.
    const steps = failed?.failure?.exchange?.steps ?? [];
    expect(steps.find((step) => step.kind === 'write')?.conn).toBe('c1');
    expect(steps.filter((step) => step.failing === true).map((step) => step.kind)).toEqual(['read']);
    expect(steps.filter((step) => step.missing === true)).toHaveLength(1);
    expect(run.report?.summary).toMatchObject({
      total: 12,
      passed: 0,
      failed: 1,
      skipped: 11,
      errors: 0,
      maxScore: 1,
    });
  });

  it('is written, and matches the schema, when the server never starts', async () => {
    const run = await runConform([
      '--',
      process.execPath,
      '-e',
      'console.error("cannot start"); process.exit(4)',
    ]);
    expect(run.exitCode).toBe(3);
    expectValid(run.report);
    expect(run.report?.tests.every((test) => test.status === 'error')).toBe(true);
    expect(run.report?.tests[0]?.failure?.message).toMatch(/exited with code 4 before listening/);
    expect(run.report?.tests[0]?.failure?.serverOutputTail?.stderr).toContain('cannot start');
    expect(run.report?.target.port).toBeNull();
  });

  it('is written, with every test not run and why, when the server file does not exist', async () => {
    const run = await runConform(['no/such/server.py']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('conform: no such file: no/such/server.py');
    expectValid(run.report);
    expect(run.report?.summary).toMatchObject({ total: 12, errors: 12, score: 0, maxScore: 12 });
    expect(run.report?.tests[0]?.failure?.message).toMatch(/^not run: no such file/);
  });
});
