import { describe, expect, it } from 'vitest';
import { Finding, isFinding } from '../../../harness/checkers/finding.js';

describe('Finding', () => {
  it('is an Error named Finding whose message is the details message', () => {
    const finding = new Finding({ kind: 'eof', message: 'the server closed early', conn: 'c1' });
    expect(finding).toBeInstanceOf(Error);
    expect(finding.name).toBe('Finding');
    expect(finding.message).toBe('the server closed early');
    expect(finding.details.conn).toBe('c1');
  });

  it('with() gives a new finding with more said, keeping the cause and leaving the original alone', () => {
    const cause = new Error('ECONNRESET');
    const original = new Finding({ kind: 'reset', message: 'reset' }, { cause });
    const more = original.with({ hint: 'catch ECONNRESET', message: 'reset by the server' });
    expect(more.details).toEqual({ kind: 'reset', message: 'reset by the server', hint: 'catch ECONNRESET' });
    expect(more.message).toBe('reset by the server');
    expect(more.cause).toBe(cause);
    expect(original.details.hint).toBeUndefined();
  });
});

describe('isFinding', () => {
  it('tells findings from other errors and values', () => {
    expect(isFinding(new Finding({ kind: 'timeout', message: 'slow' }))).toBe(true);
    expect(isFinding(new Error('harness bug'))).toBe(false);
    expect(isFinding({ details: { kind: 'timeout' } })).toBe(false);
    expect(isFinding(undefined)).toBe(false);
  });
});
