import { broadcastSuite } from '../../suites/broadcast/index.js';
import { describe, expect, it } from 'vitest';
import { deliveries, emptyBroadcast, joined, left } from '../../reference/broadcast/model.js';
import { LineSplitter } from '../../reference/common/line-splitter.js';
import { idsWith, runConform } from '../support/run-conform.js';

describe('the line splitter', () => {
  it('returns only complete lines, however the bytes were split', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('hel'))).toEqual([]);
    expect(splitter.pendingLength).toBe(3);
    expect(splitter.push(Buffer.from('lo\nwor')).map(String)).toEqual(['hello']);
    expect(splitter.push(Buffer.from('ld\n\nx\n')).map(String)).toEqual(['world', '', 'x']);
    expect(splitter.pendingLength).toBe(0);
  });

  it('tells the last byte received since the last LF', () => {
    const splitter = new LineSplitter();
    expect(splitter.lastPendingByte).toBeUndefined();
    splitter.push(Buffer.from('a\nbc'));
    splitter.push(Buffer.from('\r'));
    expect(splitter.lastPendingByte).toBe(0x0d);
    splitter.push(Buffer.from('\n'));
    expect(splitter.lastPendingByte).toBeUndefined();
  });
});

describe('the broadcast model', () => {
  it('delivers a line to every other connected client, in connection order', () => {
    const state = joined(joined(joined(emptyBroadcast, 'a'), 'b'), 'c');
    const line = Buffer.from('hi\n');
    expect(deliveries(state, 'b', line).map((delivery) => delivery.to)).toEqual(['a', 'c']);
    expect(deliveries(left(state, 'c'), 'b', line).map((delivery) => delivery.to)).toEqual(['a']);
  });

  it('refuses a client that is already connected', () => {
    expect(() => joined(joined(emptyBroadcast, 'a'), 'a')).toThrow(/already connected/);
  });
});

describe('the reference broadcast server', () => {
  it('passes the whole broadcast suite, as conform runs it', async () => {
    const run = await runConform([
      '--suite',
      'broadcast',
      '--',
      process.execPath,
      'bin/conform.js',
      'reference',
      'broadcast',
      '--port',
      '{port}',
    ]);
    expect(idsWith(run.report, 'failed'), run.stdout).toEqual([]);
    expect(run.report?.summary.passed).toBe(broadcastSuite.tests.length);
    expect(run.exitCode).toBe(0);
  });
});
