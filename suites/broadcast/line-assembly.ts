import {
  everyCharacterLength,
  splitInsideCharacters,
  type ConformanceTest,
} from '../../harness/api/conform.js';
import { Room } from './room.js';

const longLine = 4096;

export const lineAssembly: ConformanceTest = {
  id: 'broadcast.line-assembly',
  title: 'lines are relayed whole, however they were split or joined',
  requirement:
    'A line MUST be delivered only once it is complete, and as one piece: lines from different clients never mix within a line, however the bytes were split into writes (inside a character too), and several lines in one write are several lines.',
  policy: 'persistent',
  hint: {
    neutral:
      'A read returns whatever bytes have arrived, not a line: keep a buffer per client, relay only up to each LF and keep the rest for the next read. Never forward a chunk as it arrived.',
    python:
      'recv() returns whatever bytes have arrived, not a line: keep a bytes buffer per client, relay only up to each LF and keep the rest for the next recv(). Never forward a recv() chunk as it is.',
    node: "A 'data' chunk is whatever bytes have arrived, not a line: keep a Buffer per client, relay only up to each LF and keep the rest for the next chunk. Never forward a chunk as it is.",
    c: "read() returns whatever bytes have arrived, not a line: keep a buffer per client, relay only up to each '\\n' and move the rest to the front for the next read(). Never forward a read() chunk as it is.",
    java: 'read() returns whatever bytes have arrived, not a line: keep a byte[] buffer per client (a ByteArrayOutputStream), relay only up to each LF and keep the rest for the next read(). Never forward a chunk as it is.',
  },
  async run(context) {
    await context.run(async (run) => {
      const room = new Room(run, 'ignored');
      for (const name of ['alice', 'bob', 'carol']) await room.join(name);
      const alice = room.member('alice');

      // alice's line arrives in two writes, with bob's whole line in between.
      const split = room.ledger.next('alice');
      alice.write(split.subarray(0, 10));
      await alice.sentOrStalled();
      const between = room.say('bob', 1);
      await room.delivered(new Map([['bob', between]]), ['alice', 'carol']);
      alice.write(Buffer.concat([split.subarray(10), Buffer.of(0x0a)]));
      await room.delivered(new Map([['alice', [split]]]), ['bob', 'carol']);

      // A line whose characters of two, three and four bytes are each split between two writes, with a
      // line of bob's relayed between them: the server has read each piece before the next is sent.
      const characters = room.ledger.exact(
        'carol',
        ` ${everyCharacterLength(context.settings.seed).toString()}`,
      );
      const pieces = splitInsideCharacters(Buffer.concat([characters, Buffer.of(0x0a)]));
      for (const piece of pieces.slice(0, -1)) {
        room.member('carol').write(piece);
        await room.member('carol').sentOrStalled();
        await room.delivered(new Map([['bob', room.say('bob', 1)]]), ['alice', 'carol']);
      }
      room.member('carol').write(pieces.at(-1) as Buffer);
      await room.delivered(new Map([['carol', [characters]]]), ['alice', 'bob']);

      // One line a byte at a time.
      const trickle = room.ledger.next('carol', 40);
      const carol = room.member('carol');
      for (const byte of Buffer.concat([trickle, Buffer.of(0x0a)])) {
        carol.write(Buffer.of(byte));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await room.delivered(new Map([['carol', [trickle]]]), ['alice', 'bob']);

      // Several lines in one write, and a 4096-byte line split at odd places.
      const many = room.say('bob', 4, { together: true });
      await room.delivered(new Map([['bob', many]]), ['alice', 'carol']);
      const long = room.ledger.next('alice', longLine);
      const framed = Buffer.concat([long, Buffer.of(0x0a)]);
      for (const [from, to] of [
        [0, 1000],
        [1000, 1001],
        [1001, 4096],
        [4096, framed.length],
      ] as const) {
        alice.write(framed.subarray(from, to));
      }
      await room.delivered(new Map([['alice', [long]]]), ['bob', 'carol']);

      // A line never finished is never delivered, even when its sender leaves.
      await room.join('dave');
      const dave = room.member('dave');
      dave.write(room.ledger.next('dave').subarray(0, 12));
      run.note('dave leaves in the middle of a line');
      await dave.sentOrStalled();
      await room.leave('dave', 'close');
      const after = room.say('bob', 1);
      await room.delivered(new Map([['bob', after]]), ['alice', 'carol']);
      // bob's line proves nothing about dave's: lines from different senders are not ordered.
      await room.expectNothingMore({ quiet: true });
    });
  },
};
