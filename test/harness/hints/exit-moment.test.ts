import { describe, expect, it } from 'vitest';
import { describeStep, exitMoment } from '../../../harness/hints/exit-moment.js';
import { log } from './evidence.js';

describe('exitMoment', () => {
  it('places the exit after the last client step before it, with whoever was still connected', () => {
    const events = log(
      [0, 'c1', 'connect'],
      [1, 'c2', 'connect'],
      [2, 'c1', 'write', 'abc'],
      [3, 'c2', 'close'],
      [900, 'c1', 'write', 'late'],
    );
    const moment = exitMoment(events, 500);
    expect(moment.connected).toBe(1);
    expect(moment.after === undefined ? undefined : describeStep(moment.after)).toBe(
      'c2 closed its connection',
    );
  });

  it("takes a client's leaving shortly before the exit for its moment, over the steps the clients took meanwhile", () => {
    const events = log(
      [0, 'c1', 'connect'],
      [10, 'c1', 'close'],
      [11, 'c2', 'connect'],
      [12, 'c2', 'write', 'next'],
    );
    const moment = exitMoment(events, 20);
    expect(moment.after === undefined ? undefined : describeStep(moment.after)).toBe(
      'c1 closed its connection',
    );
    expect(moment.connected).toBe(1);
    // Long before the exit, a leaving is not its moment: the last step is.
    const later = exitMoment(events, 2000);
    expect(later.after === undefined ? undefined : describeStep(later.after)).toBe('c2 wrote 4 bytes');
  });

  it('takes the last client that left for the moment, however late the exit was seen, where the output says a closed descriptor ended it', () => {
    const events = log(
      [0, 'c1', 'connect'],
      [10, 'c1', 'close'],
      [11, 'c2', 'connect'],
      [12, 'c2', 'write', 'next'],
      [700, 'c2', 'reset', undefined, 'by server (ECONNRESET)'],
    );
    const moment = exitMoment(events, 900, { leftBefore: true });
    expect(moment.after === undefined ? undefined : describeStep(moment.after)).toBe(
      'c1 closed its connection',
    );
    // Who was connected just after c1 left: nobody, c2 came later.
    expect(moment.connected).toBe(0);
  });

  it('counts a connection the server ended well before its exit as gone, and one it ended at its exit as connected', () => {
    const events = log([0, 'c1', 'connect'], [1, 'c2', 'connect'], [5, 'c1', 'eof'], [995, 'c2', 'eof']);
    expect(exitMoment(events, 1000).connected).toBe(1);
  });
});
