/** hash(key) mod N: perfectly even, but changing N moves nearly every key. */
import type { KeySet } from '../keys';
import { requireEqualWeights, requireNodes, type DistributionNode, type DistributionScheme, type Placement } from '../scheme';

function placeModulo(nodes: readonly DistributionNode[]): Placement {
  requireNodes(nodes);
  requireEqualWeights('modulo-N', nodes);
  return {
    nodes,
    owners: (keys: KeySet) => Int32Array.from(keys.points, (point) => point % nodes.length),
    resize: placeModulo,
  };
}

export const modulo: DistributionScheme = {
  id: 'modulo',
  label: 'Modulo N',
  description: 'hash(key) mod N: even, but adding or removing a node moves almost every key',
  weighted: false,
  place: placeModulo,
};
