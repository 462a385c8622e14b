import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ByteDiff } from '../../../harness/checkers/byte-diff.js';
import { EventLog } from '../../../harness/driver/event-log.js';
import { chooseHint } from '../../../harness/hints/choose-hint.js';
import { unansweredWithoutNewline } from '../../../harness/hints/signs/line-buffered.js';
import { unansweredWhitespace } from '../../../harness/hints/signs/stripped-whitespace.js';
import type { FailureEvidence } from '../../../harness/hints/failure-evidence.js';
import { unknownLanguage, type ServerLanguage } from '../../../harness/hints/server-language.js';
import { evidence, log, type Step } from './evidence.js';

const python: ServerLanguage = { name: 'python', events: false };
const node: ServerLanguage = { name: 'node', events: true };
const testHint = { neutral: "the test's own hint", python: "the test's own hint, for Python" };

const causeOf = (given: FailureEvidence, language = unknownLanguage): string | undefined =>
  chooseHint(given, testHint, language)?.cause;

describe('chooseHint', () => {
  it("falls back to the test's own hint, in the server's language, when the failure shows nothing", () => {
    const chosen = chooseHint(evidence({ kind: 'mismatch', conn: 'c1' }), testHint, python);
    expect(chosen).toEqual({ cause: undefined, text: testHint.python });
  });

  it("takes the checker's own reading before the test's, and a crash before the checker's", () => {
    const checked = evidence({
      kind: 'mismatch',
      conn: 'c1',
      hint: 'the checker saw this',
      cause: 'own-line',
    });
    expect(chooseHint(checked, testHint, python)).toEqual({
      cause: 'own-line',
      text: 'the checker saw this',
    });
    const crashed = {
      ...checked,
      exit: { code: 1, signal: null },
      stderr: 'Traceback …\nBrokenPipeError: [Errno 32]',
    };
    expect(chooseHint(crashed, testHint, python)?.cause).toBe('crash-client-gone');
  });

  it('names the signal of a crash, and the error a crashed server printed', () => {
    expect(
      causeOf(evidence({ kind: 'eof', conn: 'c1' }, [], { exit: { code: null, signal: 'SIGPIPE' } })),
    ).toBe('sigpipe');
    expect(
      causeOf(evidence({ kind: 'eof', conn: 'c1' }, [], { exit: { code: null, signal: 'SIGSEGV' } })),
    ).toBe('memory-error');
    const node = evidence({ kind: 'eof', conn: 'c1' }, [], {
      exit: { code: 1, signal: null },
      stderr:
        "node:events:497\n      throw er;\nError: read ECONNRESET\n  errno: -104,\n  code: 'ECONNRESET',",
    });
    expect(causeOf(node)).toBe('crash-client-gone');
    const java = evidence({ kind: 'eof', conn: 'c1' }, [], {
      exit: { code: 1, signal: null },
      stderr:
        'Exception in thread "main" java.lang.NullPointerException: boom\n\tat Server.main(Server.java:9)',
    });
    expect(chooseHint(java, testHint, unknownLanguage)?.text).toMatch(/stopped with NullPointerException/);
    expect(causeOf(evidence({ kind: 'eof', conn: 'c1' }, [], { exit: { code: 3, signal: null } }))).toBe(
      'exited',
    );
  });

  it('recognises a greeting: bytes before any client sent, that no client sent', () => {
    const greeted = log([0, 'c1', 'connect'], [1, 'c1', 'read', 'hello\r\n'], [2, 'c1', 'write', 'ab']);
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1' }, greeted))).toBe('greeting');
    const diff = {
      offset: 0,
      expectedByte: 0x48,
      actualByte: 0x68,
      windowStart: 0,
      expectedHex: '',
      actualHex: '',
      expectedText: '',
      actualText: '',
    };
    const late = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'Hello'], [2, 'c1', 'read', 'hello\r\nHello']);
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff }, late))).toBe('greeting');
    expect(
      causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff }, late, { suite: 'chat' })),
    ).toBeUndefined();
    // The client's own first byte happens to be the greeting's: the first read still goes wrong.
    const byChance = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 'hm([%*v'],
      [2, 'c1', 'read', 'hello\r\nhm(['],
    );
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff: { ...diff, offset: 1 } }, byChance))).toBe(
      'greeting',
    );
    const echoed = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'hello'], [2, 'c1', 'read', 'hellx']);
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1' }, echoed))).toBeUndefined();
  });

  it("says nothing of a greeting in a course's own suite, whose protocol may greet", () => {
    const greeted = log([0, 'c1', 'connect'], [1, 'c1', 'read', 'hello\r\n'], [2, 'c1', 'write', 'ab']);
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1' }, greeted, { suite: 'rooms' }))).toBeUndefined();
  });

  it("recognises another client's bytes in echo, and only in echo", () => {
    const mixed = log(
      [0, 'c1', 'connect'],
      [0, 'c2', 'connect'],
      [1, 'c1', 'write', 'first client bytes'],
      [2, 'c2', 'write', 'second client bytes'],
      [3, 'c2', 'read', 'first client bytes'],
    );
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c2' }, mixed))).toBe('other-client-bytes');
    // After the receiver's own bytes, at any offset: here the echo ends with 14 bytes of c1's.
    const after = log(
      [0, 'c1', 'connect'],
      [0, 'c2', 'connect'],
      [1, 'c2', 'write', 'zkEPb5+em{G,Y7-_qtpvDMb7EkUW$3/a/vFEjyp:0'],
      [1, 'c1', 'write', 'dS)Q I]d]+Sp%a'],
      [2, 'c2', 'read', 'zkEPb5+em{G,Y7-_qtpvDMb7EkUW$3/a/vFEjyp:0dS)Q I]d]+Sp%a'],
    );
    expect(causeOf(evidence({ kind: 'extra-bytes', conn: 'c2' }, after))).toBe('other-client-bytes');
    // One long read: the receiver's own bytes, then another client's, past what a read's preview keeps.
    const recorded = new EventLog();
    // Bytes that do not repeat, as the tests send: a run of them is found only where it was sent.
    const noise = (length: number, seed: number): Buffer => {
      const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, block) =>
        createHash('sha256').update(`${seed}:${block}`).digest(),
      );
      return Buffer.from(
        Buffer.concat(blocks)
          .subarray(0, length)
          .map((byte) => 33 + (byte % 94)),
      );
    };
    const own = noise(1115, 1);
    const others = noise(7421, 2);
    recorded.add('c1', 'connect');
    recorded.add('c3', 'connect');
    recorded.add('c1', 'write', { bytes: others });
    recorded.add('c3', 'write', { bytes: own });
    recorded.add('c3', 'read', { bytes: Buffer.concat([own, others]) });
    expect(causeOf(evidence({ kind: 'extra-bytes', conn: 'c3' }, recorded.events))).toBe(
      'other-client-bytes',
    );
    // Another client's whole short write, shorter than a run that could not match by chance.
    const short = log(
      [0, 'c1', 'connect'],
      [0, 'c2', 'connect'],
      [1, 'c1', 'write', '(olf'],
      [2, 'c2', 'write', '5Pn?3EG;U@+Tp'],
      [3, 'c2', 'read', '(olf5Pn?3EG;U@+Tp'],
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, short))).toBe('other-client-bytes');
    // A client that sent nothing receives exactly another's one-byte write.
    const oneByte = log(
      [0, 'c1', 'connect'],
      [0, 'c2', 'connect'],
      [1, 'c1', 'write', '3'],
      [2, 'c2', 'read', '3'],
    );
    expect(causeOf(evidence({ kind: 'extra-bytes', conn: 'c2' }, oneByte))).toBe('other-client-bytes');
    // One byte among the receiver's own proves nothing.
    const ownByte = log(
      [0, 'c1', 'connect'],
      [0, 'c2', 'connect'],
      [1, 'c1', 'write', 'x'],
      [1, 'c2', 'write', 'abc'],
      [2, 'c2', 'read', 'axbc'],
    );
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c2' }, ownByte))).toBeUndefined();
    expect(
      causeOf(evidence({ kind: 'mismatch', conn: 'c2' }, mixed, { suite: 'broadcast' })),
    ).toBeUndefined();
  });

  it('recognises text passed on changed, with the fix for that change', () => {
    const compared = (expected: string, actual: string) =>
      evidence({
        kind: 'mismatch',
        conn: 'alice',
        compared: { expected: Buffer.from(expected), actual: Buffer.from(actual) },
      });
    expect(causeOf(compared('MSG bob hi  there\n', 'MSG bob hi there\n'))).toBe('text-spaces-collapsed');
    expect(causeOf(compared('MSG bob Hello\n', 'MSG bob hello\n'))).toBe('text-case-changed');
    expect(causeOf(compared('MSG bob  hi \n', 'MSG bob  hi\n'))).toBe('text-trimmed');
    expect(causeOf(compared('MSG bob a long line\n', 'MSG bob a lo\n'))).toBe('text-cut');
    // Cut right before a space, one word kept: a split on spaces, not a read's worth.
    expect(causeOf(compared('MSG bob a long line\n', 'MSG bob a\n'))).toBe('text-split-on-spaces');
    expect(causeOf(compared('MSG bob a long line\n', 'MSG bob a long\n'))).toBe('text-cut');
    expect(causeOf(compared('MSG bob hi\n', 'MSG bob hi\r\n'))).toBe('text-cr-kept');
    expect(causeOf(compared('MSG bob hi\n', 'MSG bob bye\n'))).toBeUndefined();
    const spaces = chooseHint(compared('MSG bob hi  there\n', 'MSG bob hi there\n'), testHint, node);
    expect(spaces?.text).toMatch(/indexOf\(' '\)/);
  });

  it('tells a relayed unfinished line of a client that left from a cut line', () => {
    const left = log([0, 'dave', 'write', 'dave#2 ab'], [1, 'dave', 'close']);
    const details = {
      kind: 'extra-bytes' as const,
      conn: 'alice',
      compared: {
        expected: Buffer.from('dave#2 abcdef'),
        actual: Buffer.from('dave#2 ab\n'),
        sender: 'dave',
      },
    };
    expect(causeOf(evidence(details, left, { suite: 'broadcast' }))).toBe('unfinished-line-relayed');
    expect(causeOf(evidence(details, log([0, 'dave', 'write', 'dave#2 ab']), { suite: 'broadcast' }))).toBe(
      'text-cut',
    );
  });

  it('recognises an early close after a half-close, and one without', () => {
    const halfClosed = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 12000],
      [2, 'c1', 'end'],
      [3, 'c1', 'read', 4096],
    );
    expect(causeOf(evidence({ kind: 'eof', conn: 'c1' }, halfClosed))).toBe('closed-after-half-close');
    const open = log([0, 'c1', 'connect'], [1, 'c1', 'write', 200000], [3, 'c1', 'read', 100000]);
    expect(causeOf(evidence({ kind: 'eof', conn: 'c1' }, open))).toBe('closed-early');
  });

  it('recognises an echo of only the first read', () => {
    const once = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 'abcd'],
      [1, 'c1', 'write', 'efgh'],
      [2, 'c1', 'read', 'abcd'],
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, once))).toBe('first-read-only');
  });

  it('recognises a server that reads lines: an echo that stops at the last newline, or a newline added at the end', () => {
    const writes = log([0, 'c1', 'connect'], [1, 'c1', 'write', 100000]);
    const stopped = (at: number, owed: string, lastByte: number) =>
      evidence(
        { kind: 'timeout', conn: 'c1', owed: Buffer.from(owed), lastByte, diff: { offset: at } as ByteDiff },
        writes,
      );
    const seen = chooseHint(stopped(99990, 'abcdefghij', 0x0a), testHint, { name: 'java', events: false });
    expect(seen).toMatchObject({ cause: 'line-buffered' });
    expect(seen?.text).toMatch(
      /^c1 got back everything up to the last newline it sent and none of the 10 bytes/,
    );
    expect(seen?.text).toMatch(/readLine\(\)/);
    // Bytes after the stop that hold a newline, or a stop after another byte: not a server that reads lines.
    expect(causeOf(stopped(99990, 'abcd\nfghij', 0x0a))).not.toBe('line-buffered');
    expect(causeOf(stopped(99990, 'abcdefghij', 0x41))).not.toBe('line-buffered');
    // Within one read's worth, a stop at a write's end or a buffer's size may be at a newline by chance.
    const twoWrites = log([0, 'c1', 'connect'], [1, 'c1', 'write', 300], [1, 'c1', 'write', 10]);
    const atWriteEnd = {
      kind: 'timeout',
      conn: 'c1',
      owed: Buffer.from('abcdefghij'),
      lastByte: 0x0a,
    } as const;
    expect(causeOf(evidence({ ...atWriteEnd, diff: { offset: 300 } as ByteDiff }, twoWrites))).not.toBe(
      'line-buffered',
    );
    expect(causeOf(evidence({ ...atWriteEnd, diff: { offset: 299 } as ByteDiff }, twoWrites))).toBe(
      'line-buffered',
    );
    const added = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 'abc'],
      [2, 'c1', 'end'],
      [3, 'c1', 'read', 'abc'],
    );
    expect(
      causeOf(evidence({ kind: 'extra-bytes', conn: 'c1', actual: '"\\n"', lastByte: 0x63 }, added)),
    ).toBe('line-buffered');
    expect(
      causeOf(evidence({ kind: 'extra-bytes', conn: 'c1', actual: '"\\n"', lastByte: 0x0a }, added)),
    ).not.toBe('line-buffered');
  });

  it('recognises an echo with the whitespace at the ends of a read stripped, not bytes dropped by a send', () => {
    const window = (expectedHex: string, actualByte: number, offset = 108): ByteDiff =>
      ({ offset, windowStart: 100, expectedHex, actualByte, expectedByte: 0x0a }) as ByteDiff;
    const hex = '61 62 63 64 65 66 67 68 0a 20 69 6a';
    const skipped = evidence({
      kind: 'mismatch',
      conn: 'c1',
      diff: window(hex, 0x69),
      skipped: { offset: 108, length: 2 },
    });
    const found = chooseHint(skipped, testHint, python);
    expect(found).toMatchObject({ cause: 'text-trimmed' });
    expect(found?.text).toMatch(/^A newline and a space that c1 sent never came back/);
    expect(found?.text).toMatch(/strip\(\)/);
    // Too little after them to tell a skip: the byte after the whitespace came in its place.
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff: window(hex, 0x69) }))).toBe('text-trimmed');
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff: window(hex, 0x6a) }))).not.toBe(
      'text-trimmed',
    );
    // Bytes skipped that are not all whitespace are lost, not stripped.
    const lost = evidence({
      kind: 'mismatch',
      conn: 'c1',
      diff: window(hex, 0x6a, 107),
      skipped: { offset: 107, length: 3 },
    });
    expect(causeOf(lost)).toBe('lost-bytes');
    // The end of the stream: the whitespace owed after bytes that came, never after whitespace.
    const owed = (lastByte: number) =>
      evidence({ kind: 'timeout', conn: 'c1', owed: Buffer.from(' \n'), lastByte, received: 10 });
    expect(causeOf(owed(0x61))).toBe('text-trimmed');
    expect(causeOf(owed(0x20))).not.toBe('text-trimmed');
  });

  it('recognises in broadcast a line from before the receiver joined: a history sent to newcomers', () => {
    const broadcast = { suite: 'broadcast' };
    const got = { kind: 'mismatch', conn: 'carol', actual: '"bob#1 hello"' } as const;
    const late = log(
      [0, 'bob', 'connect'],
      [1, 'bob', 'write', 'bob#1 hello\n'],
      [2, 'carol', 'connect'],
      [3, 'carol', 'read', 'bob#1 hello\n'],
    );
    const found = chooseHint(evidence(got, late, broadcast), testHint, node);
    expect(found).toMatchObject({ cause: 'old-line' });
    expect(found?.text).toMatch(/^carol received bob#1, which bob had sent whole before carol connected/);
    // Sent after the receiver connected: whatever is wrong, it is not a line from before.
    const inTime = log(
      [0, 'carol', 'connect'],
      [1, 'bob', 'connect'],
      [2, 'bob', 'write', 'bob#1 hello\n'],
      [3, 'carol', 'read', 'bob#1 hello\n'],
    );
    expect(causeOf(evidence(got, inTime, broadcast))).not.toBe('old-line');
    // The same line from an earlier case on the server: a newcomer's first read held it before it was sent.
    const earlier = log(
      [0, 'carol', 'connect'],
      [1, 'carol', 'read', 'bob#1 hello\n'],
      [2, 'bob', 'connect'],
      [3, 'bob', 'write', 'bob#1 hello\n'],
    );
    expect(causeOf(evidence(got, earlier, broadcast))).toBe('old-line');
    const notFirst = log(
      [0, 'carol', 'connect'],
      [1, 'carol', 'read', 'dave#1 hi\n'],
      [2, 'carol', 'read', 'bob#1 hello\n'],
      [3, 'bob', 'connect'],
      [4, 'bob', 'write', 'bob#1 hello\n'],
    );
    expect(causeOf(evidence(got, notFirst, broadcast))).not.toBe('old-line');
  });

  it('sees nothing echoed of bytes that are all whitespace, and names no cause for it', () => {
    const unanswered = (owed: string) =>
      evidence({ kind: 'timeout', conn: 'c1', owed: Buffer.from(owed), lastByte: null, received: 0 });
    expect(unansweredWhitespace(unanswered(' '))).toBe(true);
    expect(unansweredWhitespace(unanswered(' a'))).toBe(false);
    expect(causeOf(unanswered(' '))).toBeUndefined();
  });

  it('sees nothing echoed of bytes without a newline, and names no cause for it', () => {
    const unanswered = (owed: string, lastByte: number | null) =>
      evidence({ kind: 'timeout', conn: 'c1', owed: Buffer.from(owed), lastByte, received: 0 });
    expect(unansweredWithoutNewline(unanswered('Hello, world', null))).toBe(true);
    expect(unansweredWithoutNewline(unanswered('more', 0x0a))).toBe(true);
    expect(unansweredWithoutNewline(unanswered('Hello,\nworld', null))).toBe(false);
    expect(unansweredWithoutNewline(unanswered('more', 0x41))).toBe(false);
    expect(causeOf(unanswered('Hello, world', null))).toBeUndefined();
  });

  it('recognises an echo sent to a newer client: all read, nothing answered, a client connected since', () => {
    const steadySteps: Step[] = [
      [0, 'steady', 'connect'],
      [1, 'steady', 'write', 'before'],
      [2, 'steady', 'read', 'before'],
      [3, 'newer', 'connect'],
      [4, 'newer', 'write', 'mine'],
      [5, 'newer', 'read', 'mine'],
      [5, 'newer', 'close'],
      [6, 'steady', 'write', 'after'],
    ];
    const steady = log(...steadySteps);
    const timedOut = { kind: 'timeout', conn: 'steady' } as const;
    expect(causeOf(evidence(timedOut, steady, { unread: 0 }))).toBe('answered-elsewhere');
    expect(chooseHint(evidence(timedOut, steady, { unread: 0 }), testHint, node)?.text).toMatch(
      /newer, the newest connection, came after steady and has gone: the echo most likely went to newer's socket.*inside the handler/,
    );
    // Or the server closed a client it never answered when the write to the wrong socket failed.
    const idleSteps: Step[] = [
      [0, 'idle', 'connect'],
      [1, 'c1', 'connect'],
      [2, 'c1', 'write', 'served'],
      [3, 'c1', 'read', 'served'],
      [4, 'c1', 'close'],
      [5, 'idle', 'write', 'at last'],
    ];
    const closed = log(...idleSteps, [6, 'idle', 'eof']);
    expect(causeOf(evidence({ kind: 'eof', conn: 'idle' }, closed, { unread: 0 }))).toBe(
      'answered-elsewhere',
    );
    // A close before the write was no answer to it.
    const closedFirst = log(...idleSteps.slice(0, -1), [5, 'idle', 'eof'], [6, 'idle', 'write', 'at last']);
    expect(causeOf(evidence({ kind: 'eof', conn: 'idle' }, closedFirst, { unread: 0 }))).not.toBe(
      'answered-elsewhere',
    );
    // A close after an answer may have come with it, before the write it seems to follow.
    const afterAnswer = log(...steadySteps, [7, 'steady', 'eof']);
    expect(causeOf(evidence({ kind: 'eof', conn: 'steady' }, afterAnswer, { unread: 0 }))).not.toBe(
      'answered-elsewhere',
    );
    // The newest client may connect after the write: the echo is written later.
    const lateNewest = log(
      [0, 'c2', 'connect'],
      [1, 'c2', 'write', 'answered at once'],
      [2, 'c2', 'read', 'answered at once'],
      [3, 'c3', 'connect'],
      [4, 'c3', 'write', 'a [A>J(t{gW'],
      [5, 'c4', 'connect'],
      [6, 'c4', 'close'],
      [7, 'c3', 'expect', 'a [A>J(t{gW'],
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c3' }, lateNewest, { unread: 0 }))).toBe(
      'answered-elsewhere',
    );
    // No client was ever answered while it was still sending: the replies may sit in a buffer that
    // only a close flushes.
    const heldUntilClose = log(
      [0, 'c1', 'connect'],
      [1, 'c2', 'connect'],
      [2, 'c2', 'write', 'flushed at the end'],
      [3, 'c2', 'end'],
      [4, 'c2', 'read', 'flushed at the end'],
      [5, 'c2', 'eof'],
      [6, 'c1', 'write', 'never answered'],
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, heldUntilClose, { unread: 0 }))).not.toBe(
      'answered-elsewhere',
    );
    // Not read: the server stopped reading this client, which is something else.
    expect(causeOf(evidence(timedOut, steady, { unread: 5 }))).toBe('first-read-only');
    // Unknown where the platform cannot tell.
    expect(causeOf(evidence(timedOut, steady))).toBe('first-read-only');
    // The newer client still there: it would have shown the bytes, had they gone to it.
    const stillThere = log(...steadySteps.filter((step) => step[2] !== 'close'));
    expect(causeOf(evidence(timedOut, stillThere, { unread: 0 }))).toBe('first-read-only');
    // No client connected since: nothing shows where the echo went.
    const alone = steady.filter((event) => event.conn === 'steady');
    expect(causeOf(evidence(timedOut, alone, { unread: 0 }))).toBe('first-read-only');
    expect(causeOf(evidence(timedOut, steady, { unread: 0, suite: 'chat' }))).toBeUndefined();
  });

  it("recognises a leaving client's unfinished line passed on, as bytes no read asked for", () => {
    const relayed = log(
      [0, 'alice', 'connect'],
      [0, 'bob', 'connect'],
      [1, 'bob', 'write', 'bob#1 hello\n'],
      [2, 'alice', 'read', 'bob#1 hello\n'],
      [3, 'alice', 'write', 'alice#1 7$Upk9sGSQ'],
      [4, 'alice', 'reset'],
      [5, 'bob', 'read', 'alice#1 7$Upk9sGSQ'],
    );
    const extra = { kind: 'extra-bytes', conn: 'bob' } as const;
    expect(causeOf(evidence(extra, relayed, { suite: 'broadcast' }))).toBe('unfinished-line-relayed');
    // Still there, the sender may yet end its line: nothing shows it was left unfinished.
    const stayed = relayed.filter((event) => event.kind !== 'reset');
    expect(causeOf(evidence(extra, stayed, { suite: 'broadcast' }))).toBeUndefined();
    expect(causeOf(evidence(extra, relayed))).not.toBe('unfinished-line-relayed');
  });

  it('recognises replies held back in whole blocks of an output buffer', () => {
    const held = log([0, 'c1', 'connect'], [1, 'c1', 'write', 9000], [2, 'c1', 'read', 8192]);
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, held))).toBe('held-back-output');
  });

  it('takes megabytes missing for lost, not held back in a buffer', () => {
    const lost = log([0, 'c1', 'connect'], [1, 'c1', 'write', 16 * 1048576], [2, 'c1', 'read', 4096 * 1024]);
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, lost, { unread: 0 }))).toBe('lost-bytes');
    // Unread bytes: the server stopped reading, which is not a loss.
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1' }, lost, { unread: 4096 }))).toBeUndefined();
  });

  it('recognises bytes skipped in the middle of a stream, wherever the failure is', () => {
    const stream = log([0, 'c1', 'connect'], [1, 'c1', 'write', 100_000], [2, 'c1', 'read', 70_000]);
    const skipped = { kind: 'mismatch' as const, conn: 'c1', skipped: { offset: 65_536, length: 20_000 } };
    expect(causeOf(evidence(skipped, stream))).toBe('lost-bytes');
    expect(chooseHint(evidence(skipped, stream), testHint, { name: 'c', events: false })?.text).toMatch(
      /^20000 bytes of c1's stream, from offset 65536, never came back, and what followed them did: .*POLLOUT/,
    );
  });

  it('does not take a client whose bytes the server read for one waiting its turn', () => {
    const answeredNothing = log(
      [0, 'c1', 'connect'],
      [1, 'c2', 'connect'],
      [2, 'c2', 'write', 'hi'],
      [3, 'c1', 'read', 'x'],
    );
    expect(
      causeOf(evidence({ kind: 'timeout', conn: 'c2' }, answeredNothing, { unaccepted: 1, unread: 0 })),
    ).not.toBe('one-client-at-a-time');
  });

  it('says a server that accepts no one waits for someone to type, where its last output is a prompt', () => {
    const waiting = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'hi']);
    const found = (stdout: string) =>
      chooseHint(
        evidence({ kind: 'timeout', conn: 'c1' }, waiting, { unaccepted: 1, stdout }),
        testHint,
        python,
      );
    expect(found('listening\nPress Enter to start...')?.text).toMatch(
      /Its last output is a prompt, "Press Enter to start\.\.\.".*Remove the input\(\) call/,
    );
    expect(found('listening on 2000\n')?.text).not.toMatch(/prompt/);
    expect(found('listening on 2000\n')?.text).toMatch(/server\.accept\(\)/);
  });

  it('tells a server that accepts no one from one that serves one client at a time', () => {
    const waiting = log([0, 'c1', 'connect'], [1, 'c2', 'connect'], [2, 'c2', 'write', 'hi']);
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c2' }, waiting, { unaccepted: 2 }))).toBe(
      'never-accepted',
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c2' }, waiting, { unaccepted: 1 }))).toBe(
      'one-client-at-a-time',
    );
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c2' }, waiting, { unaccepted: 0 }))).toBeUndefined();
  });

  it('tells a server that spins without accepting from one that waits: by how it runs, where its time goes, and the open files', () => {
    const waiting = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'hi']);
    const spinning = (busy: NonNullable<FailureEvidence['busy']>, language: ServerLanguage = python) =>
      chooseHint(
        evidence({ kind: 'timeout', conn: 'c1' }, waiting, { unaccepted: 1, busy }),
        testHint,
        language,
      );
    const c: ServerLanguage = { name: 'c', events: true };
    const calls = spinning(
      { runningShare: 1, systemShare: 0.7, ioBytes: 0, openFiles: 5, openFilesLimit: 1024 },
      c,
    );
    expect(calls?.cause).toBe('busy-not-accepting');
    expect(calls?.text).toMatch(
      /kept running, never waiting for anything.*Most of that time went to system calls/,
    );
    expect(calls?.text).toMatch(
      /poll\(\) given more entries than the open-files limit, 1024 under conform \(--open-files\) fails with EINVAL/,
    );
    const own = spinning({ runningShare: 0.9, systemShare: 0.02, ioBytes: 0 });
    expect(own?.text).toMatch(/its own code.*while \.\.\.: pass/);
    expect(own?.text).not.toMatch(/system calls|open files/);
    const full = spinning({
      runningShare: 1,
      systemShare: 0.6,
      ioBytes: 0,
      openFiles: 1020,
      openFilesLimit: 1024,
    });
    expect(full?.text).toMatch(/holds 1020 open files, at the open-files limit, 1024 under conform.*EMFILE/);
    // A server that moves bytes is at work, one seldom running waits: neither spins.
    expect(spinning({ runningShare: 1, systemShare: 0.5, ioBytes: 4096 })?.cause).toBe('never-accepted');
    expect(spinning({ runningShare: 0.1, systemShare: 0.5, ioBytes: 0 })?.cause).toBe('never-accepted');
    // Where the bytes it moved are unknown, only a server running at every look.
    expect(spinning({ runningShare: 0.9, systemShare: 0.5 })?.cause).toBe('never-accepted');
    expect(spinning({ runningShare: 1, systemShare: 0.5 })?.cause).toBe('busy-not-accepting');
  });

  it('recognises a client given up on while it was not reading, only after the server waited', () => {
    const stalled = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 65536],
      [600, 'c1', 'reset', undefined, 'by server'],
    );
    expect(
      causeOf(evidence({ kind: 'reset', conn: 'c1' }, [...stalled, ...log([1000, 'c1', 'resume'])])),
    ).toBe('stall-after-pause');
    const atOnce = log(
      [0, 'c1', 'connect'],
      [1, 'c1', 'write', 65536],
      [2, 'c1', 'reset'],
      [1000, 'c1', 'resume'],
    );
    expect(causeOf(evidence({ kind: 'reset', conn: 'c1' }, atOnce))).toBe('reset-by-server');
  });

  it('recognises a connection never closed after a half-close, once the server was seen to accept', () => {
    const ended = log([0, 'c1', 'connect'], [1, 'c1', 'end']);
    expect(causeOf(evidence({ kind: 'not-closed', conn: 'c1' }, ended, { unaccepted: 0 }))).toBe(
      'never-closed',
    );
    expect(causeOf(evidence({ kind: 'not-closed', conn: 'c1' }, ended))).toBeUndefined();
  });

  it('recognises bytes decoded as text, and an echo cut before a NUL byte inside a write', () => {
    const diff = {
      offset: 3,
      expectedByte: 0x80,
      actualByte: 0xef,
      windowStart: 0,
      expectedHex: '61 62 63 80',
      actualHex: '61 62 63 ef bf bd',
      expectedText: '',
      actualText: '',
    };
    expect(causeOf(evidence({ kind: 'mismatch', conn: 'c1', diff }))).toBe('decoded-text');
    // In a suite of a course's own, whose lines conform sends as valid UTF-8: a character split between reads.
    const kv = evidence({ kind: 'mismatch', conn: 'c1', diff }, [], { suite: 'kv' });
    expect(causeOf(kv)).toBe('decoded-per-read');
    const nul = { ...diff, offset: 2, expectedByte: 0, actualByte: null };
    const inside = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'ab\x00c']);
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1', diff: nul }, inside))).toBe('nul-cut');
    const atEnd = log([0, 'c1', 'connect'], [1, 'c1', 'write', 'ab'], [1, 'c1', 'write', '\x00c']);
    expect(causeOf(evidence({ kind: 'timeout', conn: 'c1', diff: nul }, atEnd))).not.toBe('nul-cut');
  });

  it('recognises characters split between reads: U+FFFD for them, or a decoding error in the output', () => {
    const compared = (expected: string, actual: Buffer) =>
      evidence({ kind: 'mismatch', conn: 'alice', compared: { expected: Buffer.from(expected), actual } });
    const replaced = Buffer.concat([
      Buffer.from('MSG bob caf'),
      Buffer.from('\ufffd\ufffd'),
      Buffer.from('!\n'),
    ]);
    expect(causeOf(compared('MSG bob café!\n', replaced))).toBe('decoded-per-read');
    // U+FFFD where ASCII was sent is no split character.
    const ascii = Buffer.concat([Buffer.from('MSG bob caf'), Buffer.from('\ufffd'), Buffer.from('!\n')]);
    expect(causeOf(compared('MSG bob cafe!\n', ascii))).toBeUndefined();
    const raised =
      "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2 in position 4095: unexpected end of data";
    const silent = evidence({ kind: 'timeout', conn: 'alice' }, [], { suite: 'chat', stderr: raised });
    expect(chooseHint(silent, testHint, python)).toEqual({
      cause: 'decoded-per-read',
      text: expect.stringMatching(/It calls decode\(\) on each recv\(\)/) as string,
    });
    // In echo, where clients send any bytes, the same error is binary data taken for text.
    const echo = evidence({ kind: 'timeout', conn: 'c1' }, [], { suite: 'echo', stderr: raised });
    expect(chooseHint(echo, testHint, python)?.text).toMatch(/conn\.sendall\(data\)/);
    expect(causeOf(echo)).toBe('decoded-text');
  });
});
