import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/rng';
import { NumericInterner, StringInterner } from '../../../src/sim/trace/keyInterner';

describe('NumericInterner', () => {
  /**
   * Adds (low, high) pairs in blocks of random lengths, then checks that every key has its own id
   * in [0, keySpace), the same as when added one at a time, and unknown keys none.
   */
  function check(pairs: [number, number][]): NumericInterner {
    const words = Uint32Array.from(pairs.flat());
    const interner = new NumericInterner();
    const rng = createRng(pairs.length);
    for (let first = 0; first < pairs.length; ) {
      const count = Math.min(pairs.length - first, 1 + rng.nextInt(3000));
      interner.addMany(words, 2 * first, 2, count);
      first += count;
    }
    const oneByOne = new NumericInterner();
    for (let i = 0; i < pairs.length; i++) oneByOne.addMany(words, 2 * i, 2, 1);
    const distinct = new Set(pairs.map(([low, high]) => (BigInt(high) << 32n) | BigInt(low)));
    expect(interner.size).toBe(distinct.size);
    expect(oneByOne.size).toBe(distinct.size);
    expect(interner.keySpace).toBe(oneByOne.keySpace);
    const ids = [...distinct].map((key) => interner.find(Number(key & 0xffffffffn), Number(key >> 32n)));
    expect(ids).toEqual([...distinct].map((key) => oneByOne.find(Number(key & 0xffffffffn), Number(key >> 32n))));
    expect(new Set(ids).size).toBe(distinct.size);
    for (const id of ids) expect(id >= 0 && id < interner.keySpace).toBe(true);
    // Looked up a block at a time, as the replay does, the ids are the same.
    const out = new Int32Array(pairs.length);
    interner.findMany(words, 0, 2, pairs.length, out);
    expect([...out]).toEqual(pairs.map(([low, high]) => interner.find(low, high)));
    expect(interner.find(0xfffffff0, 0x7ffffff0)).toBe(-1);
    return interner;
  }

  it('keeps small dense ids as they are, gaps and all', () => {
    const rng = createRng(1);
    const pairs = Array.from({ length: 50_000 }, () => [rng.nextInt(300_000), 0] as [number, number]);
    const interner = check(pairs);
    expect(interner.keySpace).toBe(Math.max(...pairs.map(([low]) => low)) + 1);
    expect(interner.size).toBeLessThan(interner.keySpace);
    for (const [low] of pairs.slice(0, 100)) expect(interner.find(low, 0)).toBe(low);
    expect(interner.find(300_001, 0)).toBe(-1);
  });

  it('numbers the keys 0, 1, 2, ... once an id is large or sparse, keeping every key seen before', () => {
    const rng = createRng(2);
    const dense = Array.from({ length: 20_000 }, () => [rng.nextInt(5000), 0] as [number, number]);
    const wide = Array.from({ length: 20_000 }, () => [rng.nextInt(2 ** 32), rng.nextInt(4)] as [number, number]);
    const interner = check([...dense, [4_000_000_000, 0], ...dense, ...wide, ...dense]);
    expect(interner.keySpace).toBe(interner.size);
  });

  it('numbers ids sparser than eight slots per key seen, beyond the first million', () => {
    const interner = check([[1, 0], [2, 0], [5_000_000, 0], [3, 0]]);
    expect(interner.keySpace).toBe(4);
  });

  it('tells apart ids equal in their low half', () => {
    check([[7, 0], [7, 1], [7, 0x80000000], [7, 1], [7, 0]]);
  });
});

describe('StringInterner', () => {
  it('numbers keys in order of first appearance', () => {
    const interner = new StringInterner();
    expect(['b', 'a', 'b', '007', '7'].map((key) => interner.intern(key))).toEqual([0, 1, 0, 2, 3]);
    expect(interner.find('a')).toBe(1);
    expect(interner.find('c')).toBe(-1);
  });
});
