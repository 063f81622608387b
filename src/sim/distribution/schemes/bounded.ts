/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, SODA 2018): the
 * ketama ring, but a node already holding ceil((1 + epsilon) x m / n) of the m keys placed so far
 * (in proportion to weight) is full, and the key walks on clockwise to the next node with room.
 * Keys are placed in order, so no node ever ends above ceil((1 + epsilon) x mean).
 */
import type { KeySet } from '../keys';
import { requireNodes, type DistributionNode, type DistributionScheme, type Placement, type SchemeOptions } from '../scheme';
import { ketamaRing, ringIndex } from './ring';

function placeBounded(nodes: readonly DistributionNode[], options: SchemeOptions): Placement {
  requireNodes(nodes);
  if (!(options.loadFactor > 0) || !Number.isFinite(options.loadFactor)) throw new RangeError(`the load factor epsilon must be above 0, got ${options.loadFactor}`);
  const ring = ketamaRing(nodes, options.vnodes);
  const totalWeight = nodes.reduce((sum, node) => sum + node.weight, 0);
  const shares = nodes.map((node) => ((1 + options.loadFactor) * node.weight) / totalWeight);
  return {
    nodes,
    ring,
    owners(keys: KeySet) {
      const loads = new Int32Array(nodes.length);
      const owners = new Int32Array(keys.size);
      const { points } = keys;
      for (let i = 0; i < keys.size; i++) {
        const placed = i + 1;
        let at = ringIndex(ring.positions, points[i]!);
        for (;;) {
          const node = ring.owners[at]!;
          if (loads[node]! < Math.ceil(shares[node]! * placed - 1e-9)) {
            loads[node]!++;
            owners[i] = node;
            break;
          }
          at = at + 1 === ring.positions.length ? 0 : at + 1;
        }
      }
      return owners;
    },
    resize: (next) => placeBounded(next, options),
  };
}

export const bounded: DistributionScheme = {
  id: 'bounded',
  label: 'Bounded loads',
  description: 'The ring, but a full node passes the key on clockwise: no node above ceil((1 + epsilon) x mean)',
  weighted: true,
  place: placeBounded,
};
