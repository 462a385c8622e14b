import { describe, expect, it } from 'vitest';
import type { FindingDetails } from '../../../harness/checkers/finding.js';
import { renderScript, renderTranscript } from '../../../harness/checkers/script.js';
import { EventLog, type LogEvent } from '../../../harness/driver/event-log.js';

type Step = [conn: string, kind: LogEvent['kind'], data?: { bytes?: string | Buffer; detail?: string }];

/** The events a run would log, recorded the way the driver records them. */
function eventsOf(...steps: Step[]): readonly LogEvent[] {
  return eventsKept(4000, ...steps);
}

/** The events a log of at most `limit` events keeps of a run. */
function eventsKept(limit: number, ...steps: Step[]): readonly LogEvent[] {
  const log = new EventLog(limit);
  for (const [conn, kind, data] of steps) {
    const bytes = typeof data?.bytes === 'string' ? Buffer.from(data.bytes) : data?.bytes;
    log.add(conn, kind, {
      ...(bytes !== undefined && { bytes }),
      ...(data?.detail !== undefined && { detail: data.detail }),
    });
  }
  return log.events;
}

const mismatch: FindingDetails = {
  kind: 'mismatch',
  conn: 'c1',
  message: 'wrong byte',
  outcome: 'got "abX"',
};

describe('renderScript', () => {
  it('writes each step the clients took as a line', () => {
    const events = eventsOf(
      ['c1', 'connect', { detail: '127.0.0.1:7000 from port 50000' }],
      ['c1', 'write', { bytes: 'hello\n' }],
      ['c1', 'expect', { bytes: 'hello\n' }],
      ['c1', 'pause'],
      ['c1', 'resume'],
      ['c1', 'end'],
      ['c1', 'expect', { detail: 'EOF' }],
      ['#', 'note', { detail: 'c2 arrives late' }],
      ['c1', 'close'],
      ['c2', 'connect'],
      ['c2', 'reset', { detail: 'by client' }],
    );
    expect(renderScript(events)).toEqual([
      'c1 = connect()',
      'c1.write("hello\\n")',
      'expect c1 to read "hello\\n"',
      'c1.pause()  # stop reading',
      'c1.resume()',
      'c1.end()  # half-close: c1 sends nothing more',
      'expect c1 to see the server close the connection',
      '# c2 arrives late',
      'c1.close()',
      'c2 = connect()',
      'c2.reset()  # abortive close (RST)',
    ]);
  });

  it('leaves out what the server did and what the driver did on its own', () => {
    const events = eventsOf(
      ['c1', 'connect'],
      ['c1', 'read', { bytes: 'data' }],
      ['c1', 'eof'],
      ['c1', 'reset', { detail: 'by server (ECONNRESET)' }],
      ['c1', 'close', { detail: 'by server (ETIMEDOUT)' }],
      ['c1', 'pause', { detail: 'receive buffer full' }],
    );
    expect(renderScript(events)).toEqual(['c1 = connect()']);
  });

  it('shows long data cut short, with its whole size', () => {
    const events = eventsOf(['c1', 'connect'], ['c1', 'write', { bytes: Buffer.alloc(1000, 'a') }]);
    expect(renderScript(events)[1]).toBe(`c1.write("${'a'.repeat(48)}"…(1000 bytes in all))`);
  });

  it('shows a write that was not sent, and why', () => {
    const events = eventsOf(
      ['c1', 'connect'],
      ['c1', 'write', { bytes: 'hi\n', detail: 'not sent: the connection is closed' }],
    );
    expect(renderScript(events)).toEqual([
      'c1 = connect()',
      'c1.write("hi\\n")  # not sent: the connection is closed',
    ]);
  });

  it('says where the log left events out, and how many', () => {
    const steps: Step[] = [['c1', 'connect']];
    for (let index = 0; index < 4; index += 1) {
      steps.push(['c1', 'write', { bytes: `${index}` }], ['c1', 'expect', { bytes: `${index}` }]);
    }
    steps.push(['c1', 'fail', { detail: 'got "X"' }]);
    expect(renderScript(eventsKept(6, ...steps), mismatch)).toEqual([
      'c1 = connect()',
      'c1.write("0")',
      'expect c1 to read "0"',
      '# … 4 events not recorded …',
      'c1.write("3")',
      'expect c1 to read "3"  ✗ got "X"',
    ]);
  });

  it('marks the failing step with ✗ and what actually arrived', () => {
    const events = eventsOf(
      ['c1', 'connect'],
      ['c1', 'write', { bytes: 'abc' }],
      ['c1', 'expect', { bytes: 'abc' }],
      ['c1', 'read', { bytes: 'abX' }],
      ['c1', 'fail', { detail: 'got "abX"' }],
    );
    expect(renderScript(events, mismatch)).toEqual([
      'c1 = connect()',
      'c1.write("abc")',
      'expect c1 to read "abc"  ✗ got "abX"',
    ]);
  });

  it('marks the last step of the connection that failed, not the last step of the run', () => {
    const events = eventsOf(
      ['c1', 'connect'],
      ['c2', 'connect'],
      ['c1', 'expect', { bytes: 'abc' }],
      ['c2', 'write', { bytes: 'other' }],
      ['c1', 'fail', { detail: 'got "abX"' }],
    );
    expect(renderScript(events, mismatch)).toEqual([
      'c1 = connect()',
      'c2 = connect()',
      'expect c1 to read "abc"  ✗ got "abX"',
      'c2.write("other")',
    ]);
  });

  it('says "failed" for a failure logged without an outcome', () => {
    const events = eventsOf(['c1', 'connect'], ['c1', 'expect', { bytes: 'a' }], ['c1', 'fail']);
    expect(renderScript(events).at(-1)).toBe('expect c1 to read "a"  ✗ failed');
  });

  it('marks a failed connect with the finding’s outcome, or else the logged reason', () => {
    const events = eventsOf(['c1', 'connect-failed', { detail: 'ECONNREFUSED' }]);
    const refused: FindingDetails = {
      kind: 'refused',
      conn: 'c1',
      message: 'nothing listens',
      outcome: 'connection refused',
    };
    expect(renderScript(events, refused)).toEqual(['c1 = connect()  ✗ connection refused']);
    expect(renderScript(events)).toEqual(['c1 = connect()  ✗ ECONNREFUSED']);
  });

  it('adds the finding as a last line when no step shows it', () => {
    const events = eventsOf(['c1', 'connect'], ['c1', 'write', { bytes: 'hi' }]);
    expect(
      renderScript(events, { kind: 'timeout', conn: 'c1', message: 'slow', outcome: 'got nothing' }),
    ).toEqual(['c1 = connect()', 'c1.write("hi")', '✗ c1: got nothing']);
    expect(
      renderScript(events, { kind: 'server-exit', message: 'the server exited with code 1' }).at(-1),
    ).toBe('✗ server: the server exited with code 1');
  });

  it('collapses a run of four or more steps of the same shape to its first and last', () => {
    const connects: Step[] = Array.from({ length: 64 }, (_value, index) => [`c${index + 1}`, 'connect']);
    expect(renderScript(eventsOf(...connects))).toEqual([
      'c1 = connect()',
      '#   … 62 more like this …',
      'c64 = connect()',
    ]);
  });

  it('counts steps with different data, even with escaped quotes, as the same shape', () => {
    const writes: Step[] = ['a', 'say "hi"', 'back\\slash', Buffer.alloc(100, 'z').toString(), 'e'].map(
      (data): Step => ['c1', 'write', { bytes: data }],
    );
    expect(renderScript(eventsOf(['c1', 'connect'], ...writes))).toEqual([
      'c1 = connect()',
      'c1.write("a")',
      '#   … 3 more like this …',
      'c1.write("e")',
    ]);
  });

  it('keeps a run of three steps as it is', () => {
    const events = eventsOf(['c1', 'connect'], ['c2', 'connect'], ['c3', 'connect']);
    expect(renderScript(events)).toEqual(['c1 = connect()', 'c2 = connect()', 'c3 = connect()']);
  });

  it('does not fold the failing step into a run', () => {
    const steps: Step[] = Array.from({ length: 5 }, (_value, index) => [
      'c1',
      'expect',
      { bytes: `${index}` },
    ]);
    const lines = renderScript(eventsOf(['c1', 'connect'], ...steps, ['c1', 'fail', { detail: 'got "X"' }]));
    expect(lines).toEqual([
      'c1 = connect()',
      'expect c1 to read "0"',
      '#   … 2 more like this …',
      'expect c1 to read "3"',
      'expect c1 to read "4"  ✗ got "X"',
    ]);
  });

  it('keeps a script of 60 lines whole', () => {
    const steps: Step[] = [];
    for (let index = 0; index < 30; index += 1) {
      steps.push(['c1', 'write', { bytes: `${index}` }], ['c1', 'expect', { bytes: `${index}` }]);
    }
    expect(renderScript(eventsOf(...steps))).toHaveLength(60);
  });

  it('shortens a long script to its first and last 30 lines, keeping the failing step', () => {
    const steps: Step[] = [['c1', 'connect']];
    for (let index = 0; index < 50; index += 1) {
      steps.push(['c1', 'write', { bytes: `${index}` }], ['c1', 'expect', { bytes: `${index}` }]);
    }
    steps.push(['c1', 'fail', { detail: 'got "X"' }]);
    const lines = renderScript(eventsOf(...steps), mismatch);
    expect(lines).toHaveLength(61);
    expect(lines[0]).toBe('c1 = connect()');
    expect(lines[29]).toBe('c1.write("14")');
    expect(lines[30]).toBe('# … 41 more steps …');
    expect(lines[31]).toBe('c1.write("35")');
    expect(lines[60]).toBe('expect c1 to read "49"  ✗ got "X"');
  });

  it('still says that the log left events out when that part of a long script is shortened', () => {
    const steps: Step[] = [['c1', 'connect']];
    for (let index = 0; index < 150; index += 1) {
      steps.push(['c1', 'write', { bytes: `${index}` }], ['c1', 'expect', { bytes: `${index}` }]);
    }
    steps.push(['c1', 'fail', { detail: 'got "X"' }]);
    // 302 events, 200 kept: 199 steps and the line for the gap, of which 60 are shown.
    const lines = renderScript(eventsKept(200, ...steps), mismatch);
    expect(lines).toHaveLength(61);
    expect(lines[30]).toBe('# … 139 more steps, and 102 events not recorded …');
    expect(lines[60]).toBe('expect c1 to read "149"  ✗ got "X"');
  });
});

describe('renderTranscript', () => {
  const event = (at: number, rest: Omit<LogEvent, 'at'>): LogEvent => ({ at, ...rest });

  it('writes every event with its time, connection, kind, size, data and detail', () => {
    const lines = renderTranscript([
      event(0, { conn: 'c1', kind: 'connect', detail: '127.0.0.1:7000 from port 50000' }),
      event(12.34, { conn: 'c1', kind: 'write', size: 5, preview: Buffer.from('hello') }),
      event(1234.56, { conn: 'c1', kind: 'eof' }),
    ]);
    expect(lines).toEqual([
      '     0.0 ms  c1     connect (127.0.0.1:7000 from port 50000)',
      '    12.3 ms  c1     write 5 B "hello"',
      '  1234.6 ms  c1     eof',
    ]);
  });

  it('shows 32 bytes of data with the whole size', () => {
    const [line] = renderTranscript([
      event(1, { conn: 'c1', kind: 'read', size: 1000, preview: Buffer.alloc(256, 'a') }),
    ]);
    expect(line).toBe(`     1.0 ms  c1     read 1000 B "${'a'.repeat(32)}"…(1000 bytes in all)`);
  });

  it('says first how many events were left out', () => {
    const lines = renderTranscript([event(1, { conn: 'c1', kind: 'end' })], 7);
    expect(lines).toEqual(['(7 events in the middle of the run are not shown)', '     1.0 ms  c1     end']);
  });
});
