/**
 * Jump consistent hash (Lamping and Veach, 2014): no ring and no memory, even to the sampling
 * floor, and only 1/(n+1) of the keys move when a bucket is added. Buckets are numbered, so only
 * the last one can be removed.
 */
import type { KeySet } from '../keys';
import { requireEqualWeights, requireNodes, type DistributionNode, type DistributionScheme, type Placement } from '../scheme';

// The paper's 64-bit linear congruential step: key = key * 2862933555777941757 + 1.
const MULTIPLIER_HIGH = 0x27bb2ee6;
const MULTIPLIER_LOW = 0x87b0b0fd;
const TWO_32 = 4294967296;

/** The paper's JumpConsistentHash(key, buckets) for the 64-bit key high:low, in exact 32-bit halves. */
export function jumpHash(high: number, low: number, buckets: number): number {
  let bucket = -1;
  let next = 0;
  while (next < buckets) {
    bucket = next;
    // low x MULTIPLIER_LOW as a full 64-bit product from 16-bit pieces (each exact in a double).
    const a0 = low & 0xffff;
    const a1 = low >>> 16;
    const b0 = MULTIPLIER_LOW & 0xffff;
    const b1 = MULTIPLIER_LOW >>> 16;
    const middle = a0 * b1 + a1 * b0;
    const lowSum = a0 * b0 + (middle % 65536) * 65536;
    const productLow = lowSum % TWO_32;
    const productHigh = a1 * b1 + Math.floor(middle / 65536) + Math.floor(lowSum / TWO_32);
    const cross = Math.imul(high, MULTIPLIER_LOW) + Math.imul(low, MULTIPLIER_HIGH);
    // + 1, carrying into the high word.
    low = (productLow + 1) % TWO_32;
    high = (productHigh + cross + (low === 0 ? 1 : 0)) >>> 0;
    next = Math.floor((bucket + 1) * (2147483648 / ((high >>> 1) + 1)));
  }
  return bucket;
}

function placeJump(nodes: readonly DistributionNode[]): Placement {
  requireNodes(nodes);
  requireEqualWeights('jump hash', nodes);
  return {
    nodes,
    owners(keys: KeySet) {
      const { points, highWords } = keys;
      return Int32Array.from(points, (low, i) => jumpHash(highWords[i]!, low, nodes.length));
    },
    resize: placeJump,
  };
}

export const jump: DistributionScheme = {
  id: 'jump',
  label: 'Jump hash',
  description: 'Lamping and Veach: no ring, even load, minimal movement; nodes are numbered, so only the last can leave',
  weighted: false,
  place: placeJump,
};
