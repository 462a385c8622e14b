// bug: turns each chunk into a string on its own, so a character split between two reads is lost (fails: kv.model)
import { createServer } from 'node:net';

const key = /^[a-z0-9_]{1,16}$/;
const store = new Map();

function answer(line) {
  const space = line.indexOf(' ');
  const command = space === -1 ? line : line.slice(0, space);
  const argument = space === -1 ? '' : line.slice(space + 1);
  if (command === 'SET') {
    const gap = argument.indexOf(' ');
    if (gap === -1 || !key.test(argument.slice(0, gap))) return 'ERR bad-key';
    store.set(argument.slice(0, gap), argument.slice(gap + 1));
    return 'OK';
  }
  if (command === 'GET' || command === 'DEL') {
    if (!key.test(argument)) return 'ERR bad-key';
    if (!store.has(argument)) return 'NOT_FOUND';
    if (command === 'GET') return `VALUE ${store.get(argument)}`;
    store.delete(argument);
    return 'DELETED';
  }
  if (line === 'KEYS') return ['KEYS', ...[...store.keys()].sort()].join(' ');
  return 'ERR unknown-command';
}

createServer((socket) => {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, Buffer.from(chunk.toString('utf8'))]);
    for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10)) {
      const line = pending.subarray(0, end).toString('utf8');
      pending = pending.subarray(end + 1);
      socket.write(`${answer(line)}\n`);
    }
  });
  socket.on('error', () => {});
}).listen(Number(process.argv[2]), '127.0.0.1');
