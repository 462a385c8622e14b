import { once } from 'node:events';
import { referenceServers } from '../../reference/index.js';
import { ConfigError } from '../config/config-error.js';
import { readPort } from '../config/read-option.js';

export interface ReferenceRequest {
  readonly protocol: string;
  readonly port: string | undefined;
  readonly host: string;
}

/** Runs a reference server until the signal fires; prints where it listens. */
export async function runReferenceServer(
  request: ReferenceRequest,
  print: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const create = referenceServers.get(request.protocol);
  if (create === undefined) {
    throw new ConfigError(
      `no reference server for \`${request.protocol}\`: choose one of ${[...referenceServers.keys()].join(', ')}`,
    );
  }
  const port = readPort('--port', request.port) ?? 0;
  const server = create();
  server.listen({ port, host: request.host });
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]: unknown[]) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(
        code === 'EADDRINUSE'
          ? `port ${port} is already in use: choose another --port, or leave it out for a free one`
          : `cannot listen on ${request.host}:${port}: ${(error as Error).message}`,
      );
    }),
  ]);
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  print(`${request.protocol} reference server listening on ${request.host}:${bound} (Ctrl-C to stop)\n`);
  if (!signal.aborted) await once(signal, 'abort');
  server.close();
  // Clients still connected are cut off: the process is about to exit.
  server.unref();
}
