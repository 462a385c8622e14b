// bug: splits each line on spaces and takes the third word as SET's value, so a value is cut at its first space (fails: kv.set-get, kv.model)
import { createServer } from 'node:net';

const key = /^[a-z0-9_]{1,16}$/;
const store = new Map();

function answer(line) {
  const parts = line.split(' ');
  const [command, name] = parts;
  if (command === 'SET') {
    if (parts.length < 3 || !key.test(name)) return 'ERR bad-key';
    store.set(name, parts[2]);
    return 'OK';
  }
  if (command === 'GET' || command === 'DEL') {
    const argument = parts.slice(1).join(' ');
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
    pending = Buffer.concat([pending, chunk]);
    for (let end = pending.indexOf(10); end !== -1; end = pending.indexOf(10)) {
      const line = pending.subarray(0, end).toString('utf8');
      pending = pending.subarray(end + 1);
      socket.write(`${answer(line)}\n`);
    }
  });
  socket.on('error', () => {});
}).listen(Number(process.argv[2]), '127.0.0.1');
