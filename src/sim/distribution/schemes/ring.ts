/**
 * A hash ring with virtual nodes, ketama-style (libketama, as memcached clients use it): each node
 * gets points from the MD5 of "name-k", four points per digest, and a key belongs to the first
 * point at or after the first four bytes of its own MD5, wrapping around.
 */
import { md5Points, type KeySet } from '../keys';
import { requireNodes, type DistributionNode, type DistributionScheme, type Placement, type RingPoints, type SchemeOptions } from '../scheme';

/** Points per node: `vnodes` each, in proportion to weight (libketama: 40 digests x 4 per node). */
export function pointCounts(nodes: readonly DistributionNode[], vnodes: number): number[] {
  const totalWeight = nodes.reduce((sum, node) => sum + node.weight, 0);
  return nodes.map((node) => Math.max(1, Math.round((vnodes * nodes.length * node.weight) / totalWeight)));
}

export function ketamaRing(nodes: readonly DistributionNode[], vnodes: number): RingPoints {
  requireNodes(nodes);
  if (!Number.isInteger(vnodes) || vnodes < 1) throw new RangeError(`virtual nodes must be a whole number of at least 1, got ${vnodes}`);
  const counts = pointCounts(nodes, vnodes);
  const total = counts.reduce((a, b) => a + b, 0);
  const positions = new Float64Array(total);
  const owners = new Int32Array(total);
  let at = 0;
  nodes.forEach((node, index) => {
    for (let digest = 0, made = 0; made < counts[index]!; digest++) {
      const points = md5Points(`${node.name}-${digest}`);
      for (let k = 0; k < 4 && made < counts[index]!; k++, made++) {
        positions[at] = points[k]!;
        owners[at++] = index;
      }
    }
  });
  // Ties (rare) go to the earlier node.
  const order = Array.from(owners.keys()).sort((a, b) => positions[a]! - positions[b]! || owners[a]! - owners[b]!);
  return { positions: Uint32Array.from(order, (i) => positions[i]!), owners: Int32Array.from(order, (i) => owners[i]!) };
}

/** The index of the first ring point at or after `point`, wrapping to 0 past the last. */
export function ringIndex(positions: Uint32Array, point: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (positions[mid]! < point) low = mid + 1;
    else high = mid;
  }
  return low === positions.length ? 0 : low;
}

function placeRing(nodes: readonly DistributionNode[], options: SchemeOptions): Placement {
  const ring = ketamaRing(nodes, options.vnodes);
  return {
    nodes,
    ring,
    owners: (keys: KeySet) => Int32Array.from(keys.points, (point) => ring.owners[ringIndex(ring.positions, point)]!),
    resize: (next) => placeRing(next, options),
  };
}

export const ring: DistributionScheme = {
  id: 'ring',
  label: 'Hash ring (ketama)',
  description: 'Consistent hashing with virtual nodes: MD5 points on a circle, a key goes to the next point clockwise',
  weighted: true,
  place: placeRing,
};
