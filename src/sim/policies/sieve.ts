import { mark, queuePolicy, type EvictOne } from './queuePolicy';
import type { PolicyDefinition } from './policy';

/**
 * SIEVE (Zhang et al., NSDI 2024): a FIFO queue with a visited bit and a hand. New keys go to the
 * front and are never moved; the hand walks from the back toward the front clearing visited bits and
 * evicts the first unvisited key, then rests on the key in front of it (the back again after the front).
 * In the queue, oldest first, new keys join at the back and the hand walks from the front toward the back.
 */
const sift: EvictOne = (queue, visited) => {
  while (visited[queue.atHand()] === 1) {
    visited[queue.atHand()] = 0;
    queue.passHand();
  }
  return queue.takeAtHand();
};

export const sieve: PolicyDefinition = {
  id: 'sieve',
  label: 'SIEVE',
  description: 'A FIFO whose hand skips keys hit since it last passed, clearing their mark; hits never move a key.',
  create: (context) => queuePolicy(context, mark, sift),
};
