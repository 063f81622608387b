/** Every distribution scheme, in the order the CLI and the panel list them. */
import type { DistributionScheme } from './scheme';
import { bounded } from './schemes/bounded';
import { jump } from './schemes/jump';
import { modulo } from './schemes/modulo';
import { redisCluster } from './schemes/redisCluster';
import { rendezvous } from './schemes/rendezvous';
import { ring } from './schemes/ring';

export const schemes: readonly DistributionScheme[] = [modulo, ring, jump, rendezvous, bounded, redisCluster];

export function schemeById(id: string): DistributionScheme {
  const scheme = schemes.find((s) => s.id === id);
  if (!scheme) throw new RangeError(`unknown scheme '${id}': expected one of ${schemes.map((s) => s.id).join(', ')}`);
  return scheme;
}
