import { once } from 'node:events';
import { referenceServers } from '../../reference/index.js';
import { ConfigError } from '../config/config-error.js';
import { readPort } from '../config/read-option.js';
import type { ParsedReference } from './program.js';

/** Runs a reference server until the signal fires; prints where it listens. */
export async function runReferenceServer(
  request: ParsedReference,
  print: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const create = referenceServers.get(request.protocol);
  if (create === undefined) {
    throw new ConfigError(
      `no reference server for \`${request.protocol}\`: choose one of ${[...referenceServers.keys()].join(', ')}`,
    );
  }
  // 0 asks the system for a free port, as with leaving --port out.
  const port = request.port === '0' ? 0 : (readPort('--port', request.port) ?? 0);
  const server = create();
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ConfigError(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use: choose another --port, or leave it out for a free one`
            : `cannot listen on ${request.host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen({ port, host: request.host });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  print(`${request.protocol} reference server listening on ${request.host}:${bound} (Ctrl-C to stop)\n`);
  if (!signal.aborted) await once(signal, 'abort');
  server.close();
  // Clients still connected are cut off: the process is about to exit.
  server.unref();
}
