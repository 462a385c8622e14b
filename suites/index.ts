import type { Suite } from '../harness/api/conform.js';
import { broadcastSuite } from './broadcast/index.js';
import { chatSuite } from './chat/index.js';
import { echoSuite } from './echo/index.js';

/** Every suite conform ships, by the name `--suite` takes. */
export const suites: ReadonlyMap<string, Suite> = new Map([
  [echoSuite.name, echoSuite],
  [broadcastSuite.name, broadcastSuite],
  [chatSuite.name, chatSuite],
]);
