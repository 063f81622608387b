import type { PolicyDefinition } from './policy';
import { evictFront, queuePolicy } from './queuePolicy';

export const lru: PolicyDefinition = {
  id: 'lru',
  label: 'LRU',
  description: 'Least recently used: evicts the key whose last request is oldest.',
  create: (context) => queuePolicy(context, (queue, _marks, key) => queue.moveToBack(key), evictFront),
};
