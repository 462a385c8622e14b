import { describe, expect, it } from 'vitest';
import { EventLog, type LogEvent } from '../../../harness/driver/event-log.js';
import { findingOf, quickMs, useNetwork, within } from './support/network.js';

const network = useNetwork();

/** The kinds of `events`, with runs of reads counted once: how TCP splits the bytes is not the test's to choose. */
function kindsOf(events: readonly LogEvent[]): string[] {
  return events
    .map((event) => event.kind)
    .filter((kind, index, kinds) => kind !== 'read' || kinds[index - 1] !== 'read');
}

describe('EventLog', () => {
  it('times events from its origin', () => {
    const log = new EventLog(100, performance.now() - 1000);
    log.add('c1', 'connect');
    expect(log.events[0]?.at).toBeGreaterThanOrEqual(1000);
  });

  it('records the size and the first 256 bytes of what an event carried', () => {
    const log = new EventLog();
    const bytes = Buffer.alloc(1000, 'x');
    log.add('c1', 'write', { bytes });
    expect(log.events[0]).toMatchObject({ conn: 'c1', kind: 'write', size: 1000 });
    expect(log.events[0]?.preview).toEqual(bytes.subarray(0, 256));
  });

  it('keeps its own copy of the bytes, unchanged when the caller reuses its buffer', () => {
    const log = new EventLog();
    const bytes = Buffer.from('hello');
    log.add('c1', 'read', { bytes });
    bytes.fill(0);
    expect(log.events[0]?.preview?.toString()).toBe('hello');
  });

  it('takes a size given with the bytes over their length', () => {
    const log = new EventLog();
    log.add('c1', 'write', { bytes: Buffer.from('abc'), size: 4096 });
    expect(log.events[0]?.size).toBe(4096);
  });

  it('records a size, a detail, or nothing more, as given', () => {
    const log = new EventLog();
    log.add('c1', 'end');
    log.add('c1', 'note', { size: 5 });
    log.add('c1', 'reset', { detail: 'by client' });
    const [plain, sized, detailed] = log.events.map(({ at: _at, ...rest }) => rest);
    expect(plain).toEqual({ conn: 'c1', kind: 'end' });
    expect(sized).toEqual({ conn: 'c1', kind: 'note', size: 5 });
    expect(detailed).toEqual({ conn: 'c1', kind: 'reset', detail: 'by client' });
  });

  it('stays bounded, keeping how the run began and how it ended, and counts what it left out', () => {
    const log = new EventLog(6);
    for (let index = 0; index < 10; index += 1) log.add(`e${index}`, 'note');
    expect(log.events.map((event) => event.conn)).toEqual(['e0', 'e1', 'e2', 'e7', 'e8', 'e9']);
    expect(log.dropped).toBe(4);
  });

  it('marks the event after the events it left out with how many there were', () => {
    const log = new EventLog(6);
    for (let index = 0; index < 10; index += 1) log.add(`e${index}`, 'note');
    expect(log.events.map((event) => event.droppedBefore)).toEqual([
      undefined,
      undefined,
      undefined,
      4,
      undefined,
      undefined,
    ]);
    const tiny = new EventLog(1);
    for (let index = 0; index < 3; index += 1) tiny.add(`e${index}`, 'note');
    expect(tiny.events).toMatchObject([{ conn: 'e2', droppedBefore: 2 }]);
  });

  it('records what a connection did and saw, in order, with timestamps that never go back', async () => {
    const log = new EventLog();
    const server = await network.serve((socket) => socket.pipe(socket));
    const c1 = await network.connect(server, { name: 'c1', log });
    c1.write('hi');
    await within(c1.expect('hi'), quickMs, 'the echo');
    c1.end();
    await findingOf(c1.expect('more'));
    const c2 = await network.connect(server, { name: 'c2', log });
    c2.reset();

    expect(kindsOf(log.events.filter((event) => event.conn === 'c1'))).toEqual([
      'connect',
      'write',
      'expect',
      'read',
      'end',
      'expect',
      'eof',
      'fail',
    ]);
    expect(kindsOf(log.events.filter((event) => event.conn === 'c2'))).toEqual(['connect', 'reset']);
    expect(log.events.find((event) => event.kind === 'write')).toMatchObject({ size: 2 });
    expect(log.events.find((event) => event.kind === 'fail')?.detail).toBe('got "" then EOF');
    expect(log.events.find((event) => event.kind === 'reset')?.detail).toBe('by client');
    const times = log.events.map((event) => event.at);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
