/** The keys being distributed, with the hashes the schemes need, each computed once on first use. */
import { md5 } from 'js-md5';
import { keySlot } from './slots';

/** The first eight bytes of an MD5 digest as two little-endian 32-bit words. */
export interface Md5Words {
  readonly low: number;
  readonly high: number;
}

export function md5Words(text: string): Md5Words {
  const view = new DataView(md5.arrayBuffer(text));
  return { low: view.getUint32(0, true), high: view.getUint32(4, true) };
}

/** Four ring points from one MD5 digest, as libketama takes them: each 4 bytes little-endian. */
export function md5Points(text: string): Uint32Array {
  const view = new DataView(md5.arrayBuffer(text));
  return Uint32Array.of(view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true));
}

export class KeySet {
  private low?: Uint32Array;
  private high?: Uint32Array;
  private slotCache?: Uint16Array;

  constructor(readonly names: readonly string[]) {}

  get size(): number {
    return this.names.length;
  }

  /** ketama's key hash (the first four bytes of the key's MD5, little-endian): the key's ring position. */
  get points(): Uint32Array {
    if (!this.low) this.hashAll();
    return this.low!;
  }

  /** Bytes 4 to 7 of the key's MD5: with `points`, a 64-bit key hash for jump hash and rendezvous. */
  get highWords(): Uint32Array {
    if (!this.high) this.hashAll();
    return this.high!;
  }

  /** Each key's Redis Cluster slot. */
  get slots(): Uint16Array {
    if (!this.slotCache) this.slotCache = Uint16Array.from(this.names, keySlot);
    return this.slotCache;
  }

  private hashAll(): void {
    const low = new Uint32Array(this.size);
    const high = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const words = md5Words(this.names[i]!);
      low[i] = words.low;
      high[i] = words.high;
    }
    this.low = low;
    this.high = high;
  }
}

/** `count` keys named `prefix0`, `prefix1`, ... */
export function numberedKeys(count: number, prefix = 'key:'): KeySet {
  return new KeySet(Array.from({ length: count }, (_, i) => `${prefix}${i}`));
}
