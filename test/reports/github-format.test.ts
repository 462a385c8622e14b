import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/results/run-report.js';
import type { TestResult } from '../../harness/results/test-result.js';
import { githubFormat } from '../../reports/github/github-format.js';
import { markdownFormat } from '../../reports/markdown/markdown-format.js';
import type { FormatContext } from '../../reports/report-format.js';
import { failingTest, reportOf, sampleFailure, sampleReport } from '../support/sample-report.js';

const context: FormatContext = { visibility: () => 'visible' };

interface WorkflowCommand {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

/** The runner's unescaping: one pass, so that an escaped `%25` never turns into another escape. */
function unescape(text: string, codes: string): string {
  return text.replace(new RegExp(`%(${codes})`, 'g'), (_, code: string) =>
    String.fromCharCode(parseInt(code, 16)),
  );
}

function parseCommand(line: string): WorkflowCommand {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (match === null) throw new Error(`not a workflow command: ${line}`);
  const [, name = '', properties = '', message = ''] = match;
  const pairs = properties === '' ? [] : properties.split(',');
  return {
    name,
    properties: Object.fromEntries(
      pairs.map((pair) => {
        const equals = pair.indexOf('=');
        return [pair.slice(0, equals), unescape(pair.slice(equals + 1), '25|0D|0A|3A|2C')];
      }),
    ),
    message: unescape(message, '25|0D|0A'),
  };
}

function commandsOf(report: RunReport): WorkflowCommand[] {
  const text = githubFormat.format(report, context);
  expect(text.endsWith('\n')).toBe(true);
  expect(text).not.toContain('\r');
  return text.slice(0, -1).split('\n').map(parseCommand);
}

describe('githubFormat', () => {
  it('annotates each failing test with its message, hint and replay, attached to the server file', () => {
    const commands = commandsOf(sampleReport);
    expect(commands).toEqual([
      {
        name: 'error',
        properties: { title: 'echo.binary', file: 'server.c' },
        message: [
          sampleFailure.message,
          `Hint: ${sampleFailure.hint}`,
          `Replay: ${sampleFailure.replay}`,
        ].join('\n'),
      },
      {
        name: 'notice',
        properties: { title: 'conform echo' },
        message: '1/2 points: 1 passed, 1 failed, 1 skipped, 0 errors (seed 7, conform 0.1.0)',
      },
    ]);
  });

  it('leaves out file= when the target is a command given after --', () => {
    const commands = commandsOf(reportOf([failingTest('echo.a')], '-- python3 server.py {port}'));
    expect(commands[0]?.properties).toEqual({ title: 'echo.a' });
    expect(commandsOf(reportOf([failingTest('echo.a')], './src/server.c'))[0]?.properties.file).toBe(
      'src/server.c',
    );
  });

  it('round-trips %, ::, commas, colons and newlines in messages and properties', () => {
    const message = 'got 100% of "a::b, c: d"\r\nthen %0A and %25 literally\n:: at a line start';
    const commands = commandsOf(
      reportOf([failingTest('odd,id:one', { message, hint: 'h: 1%, 2', replay: null })], 'dir:a,b/ser%ver.c'),
    );
    expect(commands[0]).toEqual({
      name: 'error',
      properties: { title: 'odd,id:one', file: 'dir:a,b/ser%ver.c' },
      message: `${message}\nHint: h: 1%, 2`,
    });
  });

  it('keeps every failed or errored test as one annotation, and never throws on sparse results', () => {
    const tests: TestResult[] = Array.from({ length: 25 }, (_, index) => ({
      ...failingTest(`echo.t${index}`),
      status: 'error',
      ...(index % 2 === 0 && {
        failure: { ...sampleFailure, hint: null, replay: null, serverOutputTail: null, exit: null },
      }),
      ...(index % 2 === 1 && { failure: undefined }),
    }));
    const commands = commandsOf(reportOf(tests, ''));
    const errors = commands.filter((command) => command.name === 'error');
    expect(errors.map((command) => command.properties.title)).toEqual(tests.map((test) => test.id));
    expect(errors[0]?.message).toBe(sampleFailure.message);
    expect(errors[1]?.message).toBe('error with no explanation recorded');
    expect(errors[0]?.properties.file).toBeUndefined();
    expect(commands.at(-1)?.message).toMatch(/^0\/25 points: 0 passed, 0 failed, 0 skipped, 25 errors/);
    expect(commandsOf(reportOf([], 'server.c'))).toHaveLength(1);
  });

  it('gives the Markdown summary for GITHUB_STEP_SUMMARY', () => {
    expect(githubFormat.stepSummary?.(sampleReport, context)).toBe(
      markdownFormat.format(sampleReport, context),
    );
  });

  it('prints the sample report as workflow commands', () => {
    expect(githubFormat.format(sampleReport, context)).toMatchInlineSnapshot(`
      "::error title=echo.binary,file=server.c::c1 expected "ab\\x00c" but received only "ab", then nothing more for 2000 ms%0AHint: Use the byte count that recv() returned, never strlen().%0AReplay: npx conform server.c --only echo.binary --seed 7
      ::notice title=conform echo::1/2 points: 1 passed, 1 failed, 1 skipped, 0 errors (seed 7, conform 0.1.0)
      "
    `);
  });
});
