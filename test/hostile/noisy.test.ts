import { beforeAll, describe } from 'vitest';
import { chatSuite } from '../../suites/chat/index.js';
import { echoSuite } from '../../suites/echo/index.js';
import { assertBuilt } from './conform-child.js';
import { itHandles } from './hostile-case.js';

beforeAll(assertBuilt);

const quick = ['--timeout', '1000', '--shrink-time', '1000', '--seed', '1'];
const only = (...ids: string[]): string[] => ids.flatMap((id) => ['--only', id]);

describe('servers that send too much, or what they should not', () => {
  itHandles({
    fixture: 'floods_output.py',
    behaviour:
      'writes hundreds of MiB to stdout and stderr while it serves: every test passes, memory stays bounded',
    suite: echoSuite,
    args: [...quick, ...only('echo.accept', 'echo.single-message', 'echo.large')],
    verdicts: {
      'echo.accept': { status: 'passed' },
      'echo.single-message': { status: 'passed' },
      'echo.large': { status: 'passed' },
    },
    exitCode: 0,
    terminal: [/3 passed, 0 failed/],
    deadlineMs: 50_000,
  });

  itHandles({
    fixture: 'endless_data.py',
    behaviour:
      'writes bytes forever on its one connection: a mismatch at the first byte, memory stays bounded',
    suite: echoSuite,
    args: [...quick, ...only('echo.accept', 'echo.single-message')],
    verdicts: {
      // echo.accept reads nothing: the bytes it is sent are no fault.
      'echo.accept': { status: 'passed' },
      'echo.single-message': {
        status: 'failed',
        kind: 'mismatch',
        says: /c1 received a wrong byte at offset 0 of its stream \("Hello, world" expected\)/,
      },
    },
    exitCode: 1,
    terminal: [/Received {5}"xxxxxxxxxxxx"/],
    deadlineMs: 30_000,
  });

  itHandles({
    fixture: 'chat_invalid_utf8.py',
    behaviour: 'relays MSG with bytes that are not UTF-8: a mismatch that shows them escaped',
    suite: chatSuite,
    args: [...quick, ...only('chat.msg', 'chat.tell')],
    verdicts: {
      'chat.msg': {
        status: 'failed',
        kind: 'mismatch',
        // Whichever receiver reads first is named.
        says: /\b(bob|carol) expected "MSG alice hello" but received "MSG alice hello\\xff\\xfe"/,
      },
      'chat.tell': { status: 'passed' },
    },
    exitCode: 1,
    terminal: [/Received {5}"MSG alice hello\\xff\\xfe"/, /received {2}.* ff fe /],
    // The raw bytes never reach the terminal: read as UTF-8 they would print as U+FFFD.
    terminalNever: [/\uFFFD/],
    deadlineMs: 30_000,
  });

  itHandles({
    fixture: 'ipv6_only.py',
    behaviour: 'listens on ::1 only: conform finds it there, and every test passes',
    suite: echoSuite,
    args: [...quick, ...only('echo.accept', 'echo.single-message', 'echo.many-clients')],
    verdicts: {
      'echo.accept': { status: 'passed' },
      'echo.single-message': { status: 'passed' },
      'echo.many-clients': { status: 'passed' },
    },
    exitCode: 0,
    terminal: [/3 passed, 0 failed/],
    deadlineMs: 30_000,
  });
});
