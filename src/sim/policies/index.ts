import { allkeysLru } from './allkeysLru';
import { arc } from './arc';
import { allkeysLfu } from './allkeysLfu';
import { allkeysRandom } from './allkeysRandom';
import { volatileLru } from './volatileLru';
import { volatileLfu } from './volatileLfu';
import { volatileRandom } from './volatileRandom';
import { volatileTtl } from './volatileTtl';
import { noeviction } from './noeviction';
import { clock } from './clock';
import { fifo } from './fifo';
import { lfu } from './lfu';
import { lirs } from './lirs';
import { lru } from './lru';
import { opt } from './opt';
import type { PolicyDefinition } from './policy';
import { random } from './random';
import { s3fifo } from './s3fifo';
import { sieve } from './sieve';
import { twoQ } from './twoQ';
import { wTinyLfu } from './wTinyLfu';

/** Every eviction policy; adding one means a new file and a line here. */
export const policies: readonly PolicyDefinition[] = [
  lru,
  lfu,
  fifo,
  random,
  clock,
  sieve,
  arc,
  s3fifo,
  twoQ,
  lirs,
  wTinyLfu,
  opt,
  allkeysLru,
  allkeysLfu,
  allkeysRandom,
  volatileLru,
  volatileLfu,
  volatileRandom,
  volatileTtl,
  noeviction,
];

export function findPolicy(id: string): PolicyDefinition | undefined {
  return policies.find((policy) => policy.id === id);
}

export function requirePolicy(id: string): PolicyDefinition {
  const policy = findPolicy(id);
  if (!policy) throw new Error(`unknown policy '${id}' (choose from ${policies.map((p) => p.id).join(', ')})`);
  return policy;
}
