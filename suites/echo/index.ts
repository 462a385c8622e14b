import { defineSuite } from '../../harness/api/conform.js';
import { accept } from './accept.js';
import { backpressure } from './backpressure.js';
import { binary } from './binary.js';
import { clientReset } from './client-reset.js';
import { concurrentClients } from './concurrent-clients.js';
import { halfClose } from './half-close.js';
import { idleClient } from './idle-client.js';
import { large } from './large.js';
import { manyClients } from './many-clients.js';
import { sequentialClients } from './sequential-clients.js';
import { singleMessage } from './single-message.js';
import { stream } from './stream.js';

export const echoSuite = defineSuite({
  name: 'echo',
  title: 'Echo protocol (RFC 862 over TCP)',
  protocolDoc: 'docs/protocols/echo.md',
  tests: [
    accept,
    singleMessage,
    stream,
    binary,
    large,
    backpressure,
    halfClose,
    sequentialClients,
    concurrentClients,
    manyClients,
    idleClient,
    clientReset,
  ],
});
