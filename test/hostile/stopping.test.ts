import { beforeAll, describe } from 'vitest';
import { echoSuite } from '../../suites/echo/index.js';
import { assertBuilt } from './conform-child.js';
import { itHandles } from './hostile-case.js';

beforeAll(assertBuilt);

describe('servers that will not stop when asked', () => {
  itHandles({
    fixture: 'ignores_sigterm.py',
    behaviour: 'ignores SIGTERM, and so do its children: every test passes and SIGKILL leaves none of them',
    suite: echoSuite,
    args: [
      '--timeout',
      '1000',
      '--seed',
      '1',
      ...['echo.accept', 'echo.single-message', 'echo.sequential-clients'].flatMap((id) => ['--only', id]),
    ],
    verdicts: {
      'echo.accept': { status: 'passed' },
      'echo.single-message': { status: 'passed' },
      'echo.sequential-clients': { status: 'passed' },
    },
    exitCode: 0,
    terminal: [/3 passed, 0 failed/],
    deadlineMs: 30_000,
  });
});
