import type { Server } from 'node:net';
import { createEchoServer } from './echo/server.js';

/** The reference servers `conform reference <protocol>` can run, by protocol name. */
export const referenceServers: ReadonlyMap<string, () => Server> = new Map([['echo', createEchoServer]]);
