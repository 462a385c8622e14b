import { createHash } from 'node:crypto';
import type { Shard } from '../config/resolve-grade-config.js';

/**
 * Whether a submission belongs to a shard. Decided by its id alone, so every shard job agrees
 * without talking to the others, and a submission added later does not move the rest.
 */
export function inShard(id: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(id).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
