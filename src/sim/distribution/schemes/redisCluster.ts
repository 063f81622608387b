/**
 * Redis Cluster: a key's slot is CRC16 of the key (or its hash tag) mod 16,384; slots are split
 * as `redis-cli --cluster create` splits them, and a membership change is `redis-cli --cluster
 * rebalance`: a new primary takes slots from the others, a leaving one is emptied (weight 0) first.
 */
import type { KeySet } from '../keys';
import { requireNodes, type DistributionNode, type DistributionScheme, type Placement } from '../scheme';
import { createSlotOwners, rebalanceSlots } from '../slots';

function clusterPlacement(nodes: readonly DistributionNode[], slotOwners: Int32Array): Placement {
  return {
    nodes,
    slotOwners,
    owners: (keys: KeySet) => Int32Array.from(keys.slots, (slot) => slotOwners[slot]!),
    resize(next) {
      requireNodes(next);
      const survivors = next.filter((node) => nodes.some((old) => old.name === node.name)).length;
      if (next.slice(0, survivors).some((node, i) => node.name !== nodes[i]?.name)) throw new RangeError('the surviving primaries must come first, in their order');
      // Leaving primaries join the rebalance after the new list with weight 0, so they end empty.
      const leaving = nodes.length - survivors;
      const renumbered = slotOwners.map((owner) => (owner < survivors ? owner : next.length + owner - survivors));
      const weights = [...next.map(() => 1), ...new Array<number>(leaving).fill(0)];
      return clusterPlacement(next, rebalanceSlots(renumbered, weights));
    },
  };
}

export const redisCluster: DistributionScheme = {
  id: 'redis-cluster',
  label: 'Redis Cluster',
  description: 'CRC16 of the key (or its {hash tag}) mod 16,384 slots, split over primaries as redis-cli does',
  weighted: false,
  place(nodes) {
    requireNodes(nodes);
    return clusterPlacement(nodes, createSlotOwners(nodes.length));
  },
};
