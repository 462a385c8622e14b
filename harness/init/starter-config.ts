import schema from '../config/config.schema.json' with { type: 'json' };
import { defaults } from '../config/defaults.js';
import type { SetupFile } from './setup-files.js';

const schemaFile = 'conform.config.schema.json';

/**
 * A course config to start from, with the schema beside it: an editor then completes and checks
 * every key, offline, without knowing where conform is installed.
 */
export function starterConfig(): () => SetupFile[] {
  const config = {
    $schema: `./${schemaFile}`,
    suite: defaults.suite,
    start: 'server.py',
    points: { 'echo.*': 1 },
    submissionTimeout: defaults.submissionTimeoutMs,
  };
  return () => [
    { path: defaults.configFile, content: `${JSON.stringify(config, null, 2)}\n` },
    { path: schemaFile, content: `${JSON.stringify(schema, null, 2)}\n` },
  ];
}
