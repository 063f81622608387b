import { describe, expect, it } from 'vitest';
import { LazyKeyQueue } from '../../src/sim/policies/lazyKeyQueue';
import { createRng } from '../../src/sim/rng';

describe('the lazy key queue', () => {
  it('keeps the same order as a plain array through moves, removals, compactions and growth', () => {
    const keySpace = 6000;
    const rng = createRng(11);
    // Starts with room for 1,024 entries, so a few thousand queued keys make it compact and grow.
    const queue = new LazyKeyQueue(keySpace, 10);
    const model: number[] = [];
    for (let step = 0; step < 200_000; step++) {
      const key = rng.nextInt(keySpace);
      const roll = rng.nextInt(10);
      if (roll < 6) {
        if (queue.has(key)) {
          queue.moveToBack(key);
          model.splice(model.indexOf(key), 1);
        } else {
          queue.push(key);
        }
        model.push(key);
      } else if (roll < 8 && model.length > 0) {
        expect(queue.shift()).toBe(model.shift());
      } else if (queue.has(key)) {
        queue.remove(key);
        model.splice(model.indexOf(key), 1);
      }
      expect(queue.length).toBe(model.length);
    }
    expect(model.length).toBeGreaterThan(1000);
    for (let key = 0; key < keySpace; key++) expect(queue.has(key)).toBe(model.includes(key));
    const drained: number[] = [];
    while (queue.length > 0) drained.push(queue.shift());
    expect(drained).toEqual(model);
  });

  it("moves SIEVE's hand as a hand over a plain array does, through removals, wrap-arounds and compactions", () => {
    const keySpace = 3000;
    const rng = createRng(12);
    const queue = new LazyKeyQueue(keySpace, 10);
    const model: number[] = [];
    /** The hand's index in `model`, oldest first. */
    let hand = 0;
    for (let step = 0; step < 100_000; step++) {
      const roll = rng.nextInt(10);
      if (roll < 5) {
        const key = rng.nextInt(keySpace);
        if (queue.has(key)) continue;
        queue.push(key);
        model.push(key);
      } else if (model.length === 0) {
        continue;
      } else if (roll < 7) {
        queue.passHand();
        hand = hand + 1 < model.length ? hand + 1 : 0;
      } else if (roll < 9) {
        expect(queue.takeAtHand()).toBe(model[hand]);
        model.splice(hand, 1);
        if (hand >= model.length) hand = 0;
      } else {
        const index = rng.nextInt(model.length);
        queue.remove(model[index]!);
        model.splice(index, 1);
        if (index < hand) hand--;
        else if (hand >= model.length) hand = 0;
      }
      if (model.length > 0) expect(queue.atHand()).toBe(model[hand]);
      expect(queue.length).toBe(model.length);
    }
    expect(model.length).toBeGreaterThan(600);
  });
});
