import { beforeAll, describe } from 'vitest';
import { echoSuite } from '../../suites/echo/index.js';
import { assertBuilt } from './conform-child.js';
import { itHandles } from './hostile-case.js';

beforeAll(assertBuilt);

const quick = ['--timeout', '1000', '--shrink-time', '1000', '--seed', '1'];
const only = (...ids: string[]): string[] => ids.flatMap((id) => ['--only', id]);

describe('servers that crash or stall in the middle of a test', () => {
  itHandles({
    fixture: 'segfaults_after_first_message.py',
    behaviour: 'dies of SIGSEGV at its second message: a failure that names the signal',
    suite: echoSuite,
    args: [...quick, ...only('echo.single-message', 'echo.stream')],
    verdicts: {
      'echo.single-message': { status: 'passed' },
      'echo.stream': { status: 'failed', kind: 'server-exit', says: /\(the server was killed by SIGSEGV\)/ },
    },
    exitCode: 1,
    terminal: [/Server {7}killed by SIGSEGV/, /Replay {7}npx conform .*--only echo\.stream --replay/],
    deadlineMs: 30_000,
  });

  itHandles({
    fixture: 'raises_after_first_message.py',
    behaviour:
      'dies of an uncaught exception at its second message: a failure with the exit code and traceback',
    suite: echoSuite,
    args: [...quick, ...only('echo.single-message', 'echo.stream')],
    verdicts: {
      'echo.single-message': { status: 'passed' },
      'echo.stream': { status: 'failed', kind: 'server-exit', says: /\(the server exited with code 1\)/ },
    },
    exitCode: 1,
    terminal: [
      /Server {7}exited with code 1/,
      /Server stderr \(last lines\)/,
      /RuntimeError: protocol state corrupted after the first message/,
    ],
    deadlineMs: 30_000,
  });

  itHandles({
    fixture: 'never_accepts.py',
    behaviour: 'listens but never accepts: not-accepted, and big writes time out instead of hanging',
    suite: echoSuite,
    args: [...quick, ...only('echo.accept', 'echo.large')],
    verdicts: {
      'echo.accept': {
        status: 'failed',
        kind: 'not-accepted',
        says: /did not accept\(\) the connection within 1000 ms \(it is still waiting in the listen queue\)/,
      },
      'echo.large': { status: 'failed', kind: 'timeout', says: /expected 16 MiB but received nothing/ },
    },
    exitCode: 1,
    terminal: [
      /still waiting in the listen queue/,
      /the server never accept\(\)ed them[\s\S]*server\.accept\(\)/,
    ],
    deadlineMs: 30_000,
  });

  itHandles({
    fixture: 'never_reads.py',
    behaviour: 'accepts but never reads: the 16 MiB writes end in a timeout failure, not a hang',
    suite: echoSuite,
    args: [...quick, ...only('echo.accept', 'echo.large', 'echo.backpressure')],
    verdicts: {
      'echo.accept': { status: 'passed' },
      'echo.large': {
        status: 'failed',
        kind: 'timeout',
        says: /c1 expected 16 MiB but received nothing, then nothing more for 1000 ms/,
      },
      'echo.backpressure': {
        status: 'failed',
        kind: 'timeout',
        says: /c1 expected 16 MiB but received nothing/,
      },
    },
    exitCode: 1,
    terminal: [/✗ echo\.large/, /What failed {2}c1 expected 16 MiB but received nothing/],
    deadlineMs: 50_000,
  });
});
