import { describe, expect, it } from 'vitest';
import { formatReplayToken, parseReplayToken } from '../../../harness/runner/replay-token.js';

describe('replay tokens', () => {
  it('read back as what they were made from', () => {
    const token = { testId: 'echo.concurrent-clients', seed: -123456, path: '3:0:1:1' };
    expect(formatReplayToken(token)).toBe('echo.concurrent-clients/-123456/3:0:1:1');
    expect(parseReplayToken(formatReplayToken(token))).toEqual(token);
  });

  it('accept a path of one step', () => {
    expect(parseReplayToken('echo.stream/42/0')).toEqual({ testId: 'echo.stream', seed: 42, path: '0' });
  });

  it.each([
    '',
    'echo.stream',
    'echo.stream/42',
    'echo.stream/x/0',
    'echo.stream/42/a:b',
    'Echo/1/0',
    'echo.stream/42/0/not a path!',
  ])('reject %j', (text) => {
    expect(parseReplayToken(text)).toBeUndefined();
  });
});

describe('replay tokens of model-based tests', () => {
  it('carry the path through the commands after the run path', () => {
    const token = { testId: 'chat.model', seed: 42, path: '3:1:0', commands: 'eEC:F+/=' };
    expect(formatReplayToken(token)).toBe('chat.model/42/3:1:0/eEC:F+/=');
    expect(parseReplayToken(formatReplayToken(token))).toEqual(token);
  });
});
