import { describe, expect, it } from 'vitest';
import { Finding } from '../../../harness/checkers/finding.js';
import { ExpectBytes } from '../../../harness/driver/expect-bytes.js';
import { Inbox } from '../../../harness/driver/inbox.js';
import { findingOf } from './support/network.js';

function inbox(maxBufferedBytes: number) {
  const events = { floods: 0, failures: [] as Finding[] };
  const box = new Inbox({
    name: 'c1',
    replyTimeoutMs: 10_000,
    maxBufferedBytes,
    onFlood: () => (events.floods += 1),
    onFail: (finding) => events.failures.push(finding),
  });
  const expect = (text: string): Promise<void> =>
    box.read<void>(
      (resolve, reject, offset) => new ExpectBytes('c1', Buffer.from(text), offset, resolve, reject),
    );
  return { box, events, expect };
}

const closed = new Finding({ kind: 'interrupted', conn: 'c1', message: 'c1 was closed by the test' });

describe('Inbox', () => {
  it("tells each read the stream's byte before it: where an earlier read stopped", async () => {
    const box = new Inbox({
      name: 'c1',
      replyTimeoutMs: 10_000,
      maxBufferedBytes: 100,
      onFlood: () => undefined,
      onFail: () => undefined,
    });
    const before: (number | null)[] = [];
    const read = (text: string): Promise<void> =>
      box.read<void>((resolve, reject, offset, lastByte) => {
        before.push(lastByte);
        return new ExpectBytes('c1', Buffer.from(text), offset, resolve, reject, lastByte);
      });
    box.push(Buffer.from('ab\ncd'));
    await read('ab\n');
    await read('c');
    await read('d');
    expect(before).toEqual([null, 0x0a, 0x63]);
  });

  it('keeps unread bytes up to its limit, then stops once with a flood', async () => {
    const { box, events, expect: read } = inbox(10);
    box.push(Buffer.from('0123456789'));
    expect(events.floods).toBe(0);
    box.push(Buffer.from('abc'));
    box.push(Buffer.from('def'));
    expect(events.floods).toBe(1);
    expect(box.buffered).toBe(13);
    expect((await findingOf(read('0123456789abcdef'))).details.kind).toBe('flood');
  });

  it('drops what arrives once stopped: no read will take it', async () => {
    const { box, events, expect: read } = inbox(10);
    box.push(Buffer.from('ab'));
    box.stop(closed);
    for (let index = 0; index < 100; index += 1) box.push(Buffer.alloc(1000, 'x'));
    expect(box.buffered).toBe(2);
    expect(events.floods).toBe(0);
    expect((await findingOf(read('abx'))).message).toBe(closed.message);
  });

  describe('a wait that runs out while the machine holds the server back', () => {
    /** An inbox whose reads wait 20 ms, told that the server is held back for the first `heldFor` looks. */
    function loaded(heldFor: number, onLook: (look: number, box: Inbox) => void = () => undefined) {
      let looks = 0;
      const box = new Inbox({
        name: 'c1',
        replyTimeoutMs: 20,
        maxBufferedBytes: 100,
        onFlood: () => undefined,
        onFail: () => undefined,
        heldBack: () => {
          looks += 1;
          onLook(looks, box);
          return Promise.resolve(looks <= heldFor);
        },
      });
      const read = (text: string): Promise<void> =>
        box.read<void>(
          (resolve, reject, offset) => new ExpectBytes('c1', Buffer.from(text), offset, resolve, reject),
        );
      return { box, read, looks: () => looks };
    }

    it('goes on waiting while it is held back, and fails once it is not, saying the wait it was given', async () => {
      const { read, looks } = loaded(2);
      const finding = await findingOf(read('ab'));
      expect(looks()).toBe(3);
      expect(finding.details.kind).toBe('timeout');
      expect(finding.message).toMatch(/nothing more for 20 ms$/);
    });

    it('takes a reply that comes while it looks', async () => {
      const { read, looks } = loaded(1, (look, box) => {
        if (look === 2) box.push(Buffer.from('ab'));
      });
      await read('ab');
      expect(looks()).toBe(2);
    });

    it('waits at most four times its wait, however long the server is held back', async () => {
      const { read, looks } = loaded(Number.POSITIVE_INFINITY);
      expect((await findingOf(read('ab'))).details.kind).toBe('timeout');
      expect(looks()).toBe(3);
    });
  });
});
