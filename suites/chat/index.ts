import { defineSuite } from '../../harness/api/conform.js';
import { concurrency } from './concurrency.js';
import { disconnect } from './disconnect.js';
import { errors } from './errors.js';
import { framing } from './framing.js';
import { model } from './model.js';
import { msg } from './msg.js';
import { nick } from './nick.js';
import { idleClient } from './idle-client.js';
import { notRegistered } from './not-registered.js';
import { quit } from './quit.js';
import { register } from './register.js';
import { tell } from './tell.js';
import { who } from './who.js';

export const chatSuite = defineSuite({
  name: 'chat',
  title: 'Chat protocol (nicknames, MSG, TELL, WHO, QUIT)',
  protocolDoc: 'docs/protocols/chat.md',
  tests: [
    register,
    nick,
    notRegistered,
    msg,
    tell,
    who,
    quit,
    disconnect,
    errors,
    framing,
    concurrency,
    idleClient,
    model,
  ],
});
