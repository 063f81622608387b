import { describe, expect, it } from 'vitest';
import { crc16, createSlotOwners, keySlot, rebalanceSlots, slotRanges, SLOT_COUNT } from '../../../src/sim/distribution/slots';

describe('CRC16 and key slots', () => {
  it('matches the check value in Redis crc16.c ("123456789" -> 0x31C3)', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x31c3);
  });

  it("gives the slots of the CLUSTER KEYSLOT page's examples", () => {
    // redis.io, CLUSTER KEYSLOT: somekey 11058, foo{hash_tag} and bar{hash_tag} 2515.
    expect(keySlot('somekey')).toBe(11058);
    expect(keySlot('foo{hash_tag}')).toBe(2515);
    expect(keySlot('bar{hash_tag}')).toBe(2515);
    // The cluster specification's MOVED example and README figures.
    expect(keySlot('foo')).toBe(12182);
  });

  it('follows the hash-tag rule: the bytes between the first { and the next }, if any', () => {
    // Each figure is what CLUSTER KEYSLOT answered on Redis 7.0.15.
    const cases: [string, number, string][] = [
      ['{}', 15257, 'an empty tag: the whole key'],
      ['abc{}', 16021, 'an empty tag at the end: the whole key'],
      ['{{a}}', 10276, 'the tag is "{a"'],
      ['a{b}c{d}', 3300, 'only the first tag counts'],
      ['a}{b}', 3300, 'a } before the { does not close anything'],
      ['abc{', 3048, 'no closing brace: the whole key'],
      ['user:{42}', 8000, 'a tag at the end'],
      ['{user1000}.following', 3443, 'the cluster spec example'],
      ['{user1000}.followers', 3443, 'same tag, same slot'],
      ['', 0, 'the empty key'],
      ['é', 10180, 'keys are hashed as UTF-8 bytes'],
    ];
    for (const [key, slot, why] of cases) expect(keySlot(key), why).toBe(slot);
    expect(keySlot('a{b}c{d}')).toBe(keySlot('b'));
    expect(keySlot('{{a}}')).toBe(keySlot('{a'));
  });
});

describe('slot maps', () => {
  it('splits slots as redis-cli --cluster create does', () => {
    expect(slotRanges(createSlotOwners(3))).toEqual([
      { first: 0, last: 5460, node: 0 },
      { first: 5461, last: 10922, node: 1 },
      { first: 10923, last: 16383, node: 2 },
    ]);
    // redis-cli prints "Master[0] -> Slots 0 - 4095" ... for four primaries.
    expect(slotRanges(createSlotOwners(4)).map((r) => [r.first, r.last])).toEqual([[0, 4095], [4096, 8191], [8192, 12287], [12288, 16383]]);
    const six = slotRanges(createSlotOwners(6)).map((r) => r.last);
    // 16384 / 6 = 2730.67: ends at lround(cursor + 2729.67) for cursors 0, 2730.67, 5461.33, ...
    expect(six).toEqual([2730, 5460, 8191, 10922, 13652, 16383]);
  });

  it('rebalances onto a new empty primary as redis-cli --cluster rebalance --cluster-use-empty-masters', () => {
    // Worked from redis-cli.c: each of four expects 4096 slots; balances A +1365, B +1366, C +1365,
    // D -4096; the most loaded gives first, each its lowest-numbered slots.
    const after = rebalanceSlots(createSlotOwners(3), [1, 1, 1, 1]);
    expect(slotRanges(after)).toEqual([
      { first: 0, last: 1364, node: 3 },
      { first: 1365, last: 5460, node: 0 },
      { first: 5461, last: 6826, node: 3 },
      { first: 6827, last: 10922, node: 1 },
      { first: 10923, last: 12287, node: 3 },
      { first: 12288, last: 16383, node: 2 },
    ]);
  });

  it('empties a primary given weight 0 and moves nothing else', () => {
    const before = createSlotOwners(4);
    const after = rebalanceSlots(before, [1, 1, 1, 0]);
    const counts = [0, 0, 0, 0];
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      counts[after[slot]!]!++;
      if (before[slot] !== 3) expect(after[slot]).toBe(before[slot]);
    }
    expect(counts[3]).toBe(0);
    expect(counts.slice(0, 3).sort()).toEqual([5461, 5461, 5462]);
  });
});
