import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Server } from 'node:net';
import { loadSuite } from '../api/load-suite.js';
import { suiteSource, UnknownSuite, type SuiteSource } from '../config/suite-source.js';
import { createLineModelServer } from '../model/line-model-server.js';
import { hasLineModel } from '../model/line-model-test.js';
import { referenceServers } from '../../reference/index.js';
import { ConfigError } from '../config/config-error.js';
import { readPort } from '../config/read-option.js';
import type { ParsedReference } from './program.js';

/**
 * The server for `protocol`: conform's own reference server of that name, or one that serves the model
 * of a suite file's or package's model-based test.
 */
async function referenceFor(protocol: string, cwd: string): Promise<{ name: string; create: () => Server }> {
  const own = referenceServers.get(protocol);
  if (own !== undefined) return { name: protocol, create: own };
  let source: SuiteSource;
  try {
    source = suiteSource(protocol, cwd, [...referenceServers.keys()], '');
  } catch (error) {
    if (!(error instanceof UnknownSuite)) throw error;
    throw new ConfigError(
      `no reference server for \`${protocol}\`: choose one of ${[...referenceServers.keys()].join(', ')}, or a suite file (./suite.ts) or package whose model to serve`,
    );
  }
  if (source.kind !== 'file') throw new Error(`no reference server for ${protocol}`);
  const suite = await loadSuite(source.file, source.shownAs);
  const modelled = suite.tests.find(hasLineModel);
  if (modelled === undefined && suite.oracle !== undefined) {
    throw new ConfigError(
      `the suite ${source.shownAs} has no model to serve: its expected behaviour is its oracle's, so run that (${suite.oracle.join(' ')}, in ${dirname(source.file)}) with the port in place of {port}`,
    );
  }
  if (modelled === undefined) {
    throw new ConfigError(
      `the suite ${source.shownAs} has no model to serve: a test made with lineModelTest gives it one`,
    );
  }
  return {
    name: `${suite.name} (from ${source.shownAs})`,
    create: () => createLineModelServer(modelled.lineModel.model, modelled.lineModel.ending),
  };
}

/** Runs a reference server until the signal fires; prints where it listens. */
export async function runReferenceServer(
  request: ParsedReference,
  print: (text: string) => void,
  signal: AbortSignal,
  cwd: string,
): Promise<void> {
  const { name, create } = await referenceFor(request.protocol, cwd);
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
  print(`${name} reference server listening on ${request.host}:${bound} (Ctrl-C to stop)\n`);
  if (!signal.aborted) await once(signal, 'abort');
  server.close();
  // Clients still connected are cut off: the process is about to exit.
  server.unref();
}
