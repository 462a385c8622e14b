import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../../harness/config/find-executable.js';
import { initScript } from '../../../harness/supervisor/sandbox/init-script.js';
import { probeNamespaces } from '../../../harness/supervisor/sandbox/namespaces.js';
import { killLeftovers, processesMentioning } from '../../support/processes.js';
import { pollUntil, withDeadline } from '../../support/wait.js';

const unshare = findExecutable('unshare', `${process.env.PATH ?? ''}:/usr/sbin:/usr/bin`, tmpdir());
const support = probeNamespaces({ unshare });
// The pid namespace without --kill-child: as if the parent-death signal never reached its first process.
const pidFlags = support.pidFlags?.filter((flag) => !flag.startsWith('--kill-child'));

describe.skipIf(pidFlags === undefined)(
  `the first process of a server's namespaces${pidFlags === undefined ? ` (skipped: ${support.why ?? 'no pid namespace'})` : ''}`,
  () => {
    it("ends the namespace a second after conform's end of the server's input closes, with no signal from conform", async () => {
      const marker = randomUUID();
      // The server: a shell that stays (it has a command after sleep), named by the marker.
      const server = ['sh', '-c', 'sleep 60; :', marker];
      const words = [...(pidFlags ?? []), '--', 'sh', '-c', initScript, 'sh', 'server', '-', '-', '-', '-'];
      const child = spawn(unshare as string, [...words, tmpdir(), ...server], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const exited = once(child, 'exit');
      try {
        expect(await pollUntil(() => processesMentioning(marker).length > 0, 5000)).toBe(true);
        // Still there while the input is open: nothing ends it before conform does.
        expect(child.exitCode).toBeNull();
        child.stdin.end();
        await withDeadline(exited, 5000, 'the namespace after its input closed');
        expect(await pollUntil(() => processesMentioning(marker).length === 0, 2000)).toBe(true);
      } finally {
        killLeftovers(marker);
        child.kill('SIGKILL');
      }
    });
  },
);
