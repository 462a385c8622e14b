import { describe, expect, it } from 'vitest';
import type { FindingDetails } from '../../../harness/checkers/finding.js';
import { EventLog, type LogEvent } from '../../../harness/driver/event-log.js';
import { maxExchangeSteps, reportExchange } from '../../../harness/runner/exchange-report.js';

type Step = [conn: string, kind: LogEvent['kind'], data?: { bytes?: string | Buffer; detail?: string }];

/** The events a log of at most `limit` events keeps of a run, recorded as the driver records them. */
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

const eventsOf = (...steps: Step[]): readonly LogEvent[] => eventsKept(4000, ...steps);

describe('reportExchange', () => {
  it('keeps each step with its bytes escaped, and marks the reset that ended a read', () => {
    const events = eventsOf(
      ['c1', 'connect', { detail: '127.0.0.1:7000 from port 50000' }],
      ['c1', 'write', { bytes: 'ab\x00c' }],
      ['c1', 'expect', { bytes: 'ab\x00c' }],
      ['c1', 'read', { bytes: 'ab' }],
      ['c1', 'reset', { detail: 'by server (ECONNRESET)' }],
      ['c1', 'fail', { detail: 'got a reset (RST) from the server' }],
    );
    const exchange = reportExchange(events, {
      kind: 'reset',
      conn: 'c1',
      message: "the server reset c1's connection",
      received: 2,
    });
    expect(exchange.omitted).toBe(0);
    expect(exchange.steps.map((step) => [step.kind, step.bytes, step.failing, step.missing])).toEqual([
      ['connect', undefined, undefined, undefined],
      ['write', '"ab\\x00c"', undefined, undefined],
      ['expect', '"ab\\x00c"', undefined, undefined],
      ['read', '"ab"', undefined, undefined],
      ['reset', undefined, true, undefined],
      ['expect', '"\\x00c"', undefined, true],
    ]);
    expect(exchange.steps[4]?.outcome).toBe('got a reset (RST) from the server');
    expect(exchange.steps[5]).toMatchObject({ conn: 'c1', size: 2, detail: 'the last 2 of 4 bytes' });
  });

  it('marks the missing delivery itself as the failing step when nothing came instead', () => {
    const events = eventsOf(
      ['c1', 'connect'],
      ['c1', 'write', { bytes: 'hello' }],
      ['c1', 'expect', { bytes: 'hello' }],
      ['c1', 'fail', { detail: 'got nothing, then nothing for 2000 ms' }],
    );
    const exchange = reportExchange(events, { kind: 'timeout', conn: 'c1', message: 'timed out' });
    const last = exchange.steps.at(-1);
    expect(last).toMatchObject({ kind: 'expect', missing: true, failing: true, bytes: '"hello"', size: 5 });
    expect(exchange.steps.filter((step) => step.failing === true)).toHaveLength(1);
  });

  it('marks the read a suite judged wrong, and the line it waited for as missing', () => {
    const events = eventsOf(
      ['alice', 'connect'],
      ['alice', 'write', { bytes: 'NICK \xe9ve\n', detail: 'line' }],
      ['alice', 'expect', { detail: '"ERR nick-invalid"' }],
      ['alice', 'read', { bytes: 'WELCOME eve\n' }],
    );
    const exchange = reportExchange(events, {
      kind: 'mismatch',
      conn: 'alice',
      message: 'alice expected "ERR nick-invalid" but received "WELCOME eve"',
      outcome: 'got "WELCOME eve"',
    });
    expect(exchange.steps.map((step) => step.kind)).toEqual(['connect', 'write', 'expect', 'read', 'expect']);
    expect(exchange.steps[3]).toMatchObject({ failing: true, outcome: 'got "WELCOME eve"' });
    expect(exchange.steps[4]).toMatchObject({ missing: true, detail: '"ERR nick-invalid"' });
  });

  it('marks the read the finding quotes when the client was not waiting for anything', () => {
    const events = eventsOf(
      ['alice', 'connect'],
      ['lurker', 'connect'],
      ['alice', 'expect', { detail: '"JOINED bob"' }],
      ['alice', 'read', { bytes: 'JOINED bob\n' }],
      ['lurker', 'write', { bytes: 'WHO\n', detail: 'barrier' }],
      ['lurker', 'read', { bytes: 'JOINED bob\n' }],
      ['lurker', 'read', { bytes: 'ERR not-registered\n' }],
    );
    const exchange = reportExchange(events, {
      kind: 'mismatch',
      conn: 'lurker',
      message: 'lurker received "JOINED bob" before the reply',
      actual: '"JOINED bob"',
    });
    const failing = exchange.steps.filter((step) => step.failing === true);
    expect(failing).toEqual([
      expect.objectContaining({ conn: 'lurker', kind: 'read', bytes: '"JOINED bob\\n"' }),
    ]);
    expect(exchange.steps.some((step) => step.missing === true)).toBe(false);
  });

  it('adds a note for a failure of no one connection', () => {
    const events = eventsOf(['c1', 'connect'], ['c1', 'write', { bytes: 'x' }]);
    const exchange = reportExchange(events, {
      kind: 'server-exit',
      message: 'the server exited with code 1',
    });
    expect(exchange.steps.at(-1)).toMatchObject({
      conn: '#',
      kind: 'note',
      failing: true,
      detail: 'the server exited with code 1',
    });
  });

  it("stays bounded, keeps the failure, and counts what it leaves out with the log's own gap", () => {
    const writes: Step[] = Array.from({ length: 3000 }, (_, index) => [
      'c1',
      'write',
      { bytes: `w${index}` },
    ]);
    const events = eventsKept(
      2000,
      ['c1', 'connect'],
      ...writes,
      ['c1', 'expect', { bytes: 'done' }],
      ['c1', 'fail', { detail: 'got nothing, then nothing for 2000 ms' }],
      ...writes.slice(0, 400),
    );
    const details: FindingDetails = { kind: 'timeout', conn: 'c1', message: 'timed out' };
    const exchange = reportExchange(events, details);
    expect(exchange.steps.length).toBeLessThanOrEqual(maxExchangeSteps);
    const logged = events.filter((event) => event.kind !== 'fail').length + 1;
    const logDropped = events.reduce((sum, event) => sum + (event.droppedBefore ?? 0), 0);
    expect(exchange.omitted).toBe(logged - exchange.steps.length + logDropped);
    const gaps = exchange.steps.reduce((sum, step) => sum + (step.omittedBefore ?? 0), 0);
    expect(gaps).toBe(exchange.omitted);
    expect(exchange.steps.some((step) => step.missing === true && step.failing === true)).toBe(true);
  });
});
