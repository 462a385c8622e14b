import type { Server } from 'node:net';
import { createBroadcastServer } from './broadcast/server.js';
import { createChatServer } from './chat/server.js';
import { createEchoServer } from './echo/server.js';

/** The reference servers `conform reference <protocol>` can run, by protocol name. */
export const referenceServers: ReadonlyMap<string, () => Server> = new Map([
  ['echo', createEchoServer],
  ['broadcast', createBroadcastServer],
  ['chat', createChatServer],
]);
