import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/rng';
import { NumericInterner, StringInterner } from '../../../src/sim/trace/keyInterner';

describe('NumericInterner', () => {
  /** Interns (low, high) pairs and checks every id against a Map keyed by the 64-bit value. */
  function check(pairs: [number, number][]): void {
    const interner = new NumericInterner();
    const model = new Map<bigint, number>();
    for (const [low, high] of pairs) {
      const key = (BigInt(high) << 32n) | BigInt(low);
      if (!model.has(key)) model.set(key, model.size);
      expect(interner.intern(low, high)).toBe(model.get(key));
    }
    expect(interner.size).toBe(model.size);
    for (const [key, id] of model) expect(interner.find(Number(key & 0xffffffffn), Number(key >> 32n))).toBe(id);
    expect(interner.find(0xfffffff0, 0x7ffffff0)).toBe(-1);
  }

  it('numbers dense small ids in order of first appearance (the direct table)', () => {
    const rng = createRng(1);
    check(Array.from({ length: 50_000 }, () => [rng.nextInt(300_000), 0] as [number, number]));
  });

  it('moves to hashing when an id is large or sparse, keeping every id given so far', () => {
    const rng = createRng(2);
    const dense = Array.from({ length: 20_000 }, () => [rng.nextInt(5000), 0] as [number, number]);
    const wide = Array.from({ length: 20_000 }, () => [rng.nextInt(2 ** 32), rng.nextInt(4)] as [number, number]);
    check([...dense, [4_000_000_000, 0], ...dense, ...wide, ...dense]);
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
