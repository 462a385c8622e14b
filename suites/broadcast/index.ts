import { defineSuite } from '../../harness/api/conform.js';
import { idleClient } from './idle-client.js';
import { joinLeave } from './join-leave.js';
import { lineAssembly } from './line-assembly.js';
import { manyClients } from './many-clients.js';
import { model } from './model.js';
import { noSelf } from './no-self.js';
import { order } from './order.js';
import { relay } from './relay.js';
import { slowReader } from './slow-reader.js';

export const broadcastSuite = defineSuite({
  name: 'broadcast',
  title: 'Broadcast protocol (lines relayed to every other client)',
  protocolDoc: 'docs/protocols/broadcast.md',
  tests: [relay, noSelf, lineAssembly, order, joinLeave, manyClients, slowReader, idleClient, model],
});
