// bug: relays a message to every named client, not only those in the sender's room (fails: rooms.script)
import { createServer } from 'node:net';

const NAME = /^[A-Za-z0-9_]{1,16}$/;
const ROOM = /^#[a-z0-9-]{1,16}$/;
const WELCOME = '* Welcome! Choose a name with /nick <name>.';

const clients = new Set(); // everyone connected; a guest's name and room are null
const names = new Map(); // name -> the client holding it

function send(client, line) {
  client.socket.write(`${line}\n`);
}

/** Sends `line` to the named clients in `room` other than `client`. */
function tellRoom(room, client, line) {
  for (const other of clients) if (other.room === room && other !== client) send(other, line);
}

function nick(client, name) {
  if (!NAME.test(name)) return send(client, '! Invalid name.');
  if (names.has(name) && names.get(name) !== client) return send(client, `! Name ${name} is taken.`);
  send(client, `* You are now ${name}.`);
  const old = client.name;
  if (old === name) return;
  if (old === null) {
    client.room = '#lobby';
    tellRoom(client.room, client, `* ${name} joined #lobby.`);
  } else {
    names.delete(old);
    tellRoom(client.room, client, `* ${old} is now ${name}.`);
  }
  names.set(name, client);
  client.name = name;
}

function join(client, room) {
  if (!ROOM.test(room)) return send(client, '! Invalid room.');
  if (room === client.room) return send(client, `! You are already in ${room}.`);
  const old = client.room;
  send(client, `* You joined ${room}.`);
  tellRoom(old, client, `* ${client.name} left ${old}.`);
  client.room = room;
  tellRoom(room, client, `* ${client.name} joined ${room}.`);
}

function privately(client, rest) {
  const space = rest.indexOf(' ');
  if (space <= 0) return send(client, '! Usage: /msg <name> <text>.');
  const name = rest.slice(0, space);
  if (!names.has(name)) return send(client, `! No such user ${name}.`);
  send(names.get(name), `[pm] ${client.name}: ${rest.slice(space + 1)}`);
}

function who(client) {
  const room = client.room ?? '#lobby';
  const here = [...clients].filter((other) => other.room === room).map((other) => other.name);
  send(client, `* In ${room}: ${here.sort().join(', ') || 'nobody'}`);
}

/** Does what one line asks; false once the client has quit. */
function answer(client, line) {
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const rest = space === -1 ? '' : line.slice(space + 1);
  if (line === '') return true;
  if (word === '/quit') {
    send(client, '* Bye.');
    return false;
  }
  if (word === '/who') who(client);
  else if (word === '/nick') nick(client, rest);
  else if (word !== '/join' && word !== '/msg' && line.startsWith('/'))
    send(client, `! Unknown command ${word}.`);
  else if (client.name === null) send(client, '! Choose a name first with /nick <name>.');
  else if (word === '/join') join(client, rest);
  else if (word === '/msg') privately(client, rest);
  else {
    for (const other of names.values()) {
      if (other !== client) send(other, `[${client.room}] ${client.name}: ${line}`);
    }
  }
  return true;
}

/** Frees the client's name and tells the others in its room, once, then closes its socket. */
function leave(client) {
  if (!clients.delete(client)) return;
  if (client.name !== null) {
    names.delete(client.name);
    tellRoom(client.room, client, `* ${client.name} left ${client.room}.`);
  }
  client.socket.end();
}

createServer((socket) => {
  const client = { socket, name: null, room: null };
  clients.add(client);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (let end = pending.indexOf(10); end !== -1 && clients.has(client); end = pending.indexOf(10)) {
      const line = pending.subarray(0, end).toString('utf8');
      pending = pending.subarray(end + 1);
      if (!answer(client, line)) leave(client);
    }
  });
  socket.on('end', () => leave(client));
  socket.on('close', () => leave(client));
  socket.on('error', () => leave(client));
  send(client, WELCOME);
}).listen(Number(process.argv[2]), '127.0.0.1');
