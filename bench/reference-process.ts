import { startServer, type RunningServer } from '../harness/supervisor/start-server.js';
import { repoRoot } from './paths.js';
import { procPlatform } from '../harness/platform/proc/proc-platform.js';

/** A reference server as a separate process, the way conform runs any server. */
export function startReference(protocol: string): Promise<RunningServer> {
  return startServer({
    command: {
      file: process.execPath,
      args: ['bin/conform.js', 'reference', protocol, '--port', '{port}'],
      env: { ...(process.env as Record<string, string>) },
      cwd: repoRoot,
    },
    startupTimeoutMs: 10_000,
    platform: procPlatform,
  });
}
