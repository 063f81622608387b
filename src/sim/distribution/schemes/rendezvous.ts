/**
 * Rendezvous hashing, highest random weight (Thaler and Ravishankar): every node scores every
 * key and the highest score wins. Weighted nodes use the logarithmic method: score =
 * weight / -ln(u) for the key's uniform hash u at that node, which gives each node a share of
 * keys equal to its share of the weight.
 */
import { mix32 } from '../../hash';
import { md5Words, type KeySet } from '../keys';
import { requireNodes, type DistributionNode, type DistributionScheme, type Placement } from '../scheme';

const TWO_32 = 4294967296;

function placeRendezvous(nodes: readonly DistributionNode[]): Placement {
  requireNodes(nodes);
  const salts = nodes.map((node) => md5Words(node.name));
  return {
    nodes,
    owners(keys: KeySet) {
      const { points, highWords } = keys;
      const owners = new Int32Array(keys.size);
      for (let i = 0; i < keys.size; i++) {
        let best = 0;
        let bestScore = -Infinity;
        for (let node = 0; node < nodes.length; node++) {
          // Two rounds of MurmurHash3's finaliser over the 64-bit key hash and the node's salt.
          const mixed = mix32((mix32(points[i]! ^ salts[node]!.low) + highWords[i]!) ^ salts[node]!.high);
          const score = nodes[node]!.weight / -Math.log((mixed + 0.5) / TWO_32);
          if (score > bestScore) {
            bestScore = score;
            best = node;
          }
        }
        owners[i] = best;
      }
      return owners;
    },
    resize: placeRendezvous,
  };
}

export const rendezvous: DistributionScheme = {
  id: 'rendezvous',
  label: 'Rendezvous (HRW)',
  description: 'Highest random weight: each node scores each key, the best score wins; weights by the logarithmic method',
  weighted: true,
  place: placeRendezvous,
};
