import type { Rng } from '../rng';

/** Walker's alias method (Vose's construction): O(n) to build, O(1) per draw, exact for the given weights. */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: Float64Array) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let smallCount = 0;
    let largeCount = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[smallCount++] = i;
      else large[largeCount++] = i;
    }
    while (smallCount > 0 && largeCount > 0) {
      const less = small[--smallCount]!;
      const more = large[--largeCount]!;
      this.probability[less] = scaled[less]!;
      this.alias[less] = more;
      scaled[more] = scaled[more]! + scaled[less]! - 1;
      if (scaled[more]! < 1) small[smallCount++] = more;
      else large[largeCount++] = more;
    }
    // What is left has probability 1 up to rounding error.
    while (largeCount > 0) this.probability[large[--largeCount]!] = 1;
    while (smallCount > 0) this.probability[small[--smallCount]!] = 1;
  }

  draw(rng: Rng): number {
    const column = rng.nextInt(this.probability.length);
    return rng.next() < this.probability[column]! ? column : this.alias[column]!;
  }
}

/** Zipf weights 1/(rank+1)^alpha for ranks 0..keys-1. */
export function zipfWeights(keys: number, alpha: number): Float64Array {
  const weights = new Float64Array(keys);
  for (let rank = 0; rank < keys; rank++) weights[rank] = Math.pow(rank + 1, -alpha);
  return weights;
}
