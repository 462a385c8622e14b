import { delimiter } from 'node:path';
import { lsofPlatform, type LsofTools } from '../platform/lsof/lsof-platform.js';
import { platformNames, type Platform, type PlatformName } from '../platform/platform.js';
import { portOnlyPlatform } from '../platform/port-only/port-only-platform.js';
import { procNetAvailable } from '../platform/proc/proc-net.js';
import { procPlatform } from '../platform/proc/proc-platform.js';
import { ConfigError } from './config-error.js';
import { findExecutable } from './find-executable.js';

/** The environment variable that forces a platform, for tests and for systems detection gets wrong. */
export const platformVariable = 'CONFORM_PLATFORM';

function lsofTools(path: string, cwd: string): LsofTools | undefined {
  // lsof lives in /usr/sbin on macOS, which a login shell's PATH has but a CI runner's may not.
  const where = [path, '/usr/sbin', '/usr/bin', '/bin'].join(delimiter);
  const lsof = findExecutable('lsof', where, cwd);
  const ps = findExecutable('ps', where, cwd);
  const netstat = findExecutable('netstat', where, cwd);
  if (lsof === undefined || ps === undefined) return undefined;
  return { lsof, ps, ...(netstat !== undefined && { netstat }) };
}

function readPlatformName(value: string | undefined): PlatformName | undefined {
  if (value === undefined || value === '') return undefined;
  if ((platformNames as readonly string[]).includes(value)) return value as PlatformName;
  throw new ConfigError(
    `Expected \`${platformVariable}\` to be one of ${platformNames.join(', ')}, got \`${value}\``,
  );
}

/**
 * How conform sees servers' processes and sockets, decided once: /proc where the system has it, else
 * lsof and ps where both are installed, else a TCP connect to the given port only.
 * `CONFORM_PLATFORM` forces one; a forced platform this system cannot give is a configuration error.
 */
export function resolvePlatform(env: Readonly<Record<string, string | undefined>>, cwd: string): Platform {
  const forced = readPlatformName(env[platformVariable]);
  const tools = (): LsofTools | undefined => lsofTools(env.PATH ?? '', cwd);
  switch (forced) {
    case 'proc':
      if (!procNetAvailable()) {
        throw new ConfigError(`${platformVariable}=proc needs Linux /proc, which this system does not have`);
      }
      return procPlatform;
    case 'lsof': {
      const found = tools();
      if (found === undefined) {
        throw new ConfigError(
          `${platformVariable}=lsof needs the lsof and ps commands: install lsof, or choose port-only`,
        );
      }
      return lsofPlatform(found);
    }
    case 'port-only':
      return portOnlyPlatform;
    case undefined: {
      if (procNetAvailable()) return procPlatform;
      const found = tools();
      return found === undefined ? portOnlyPlatform : lsofPlatform(found);
    }
  }
}
