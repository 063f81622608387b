import type { PolicyDefinition } from './policy';
import { QueuePolicy } from './queuePolicy';

export const lru: PolicyDefinition = {
  id: 'lru',
  label: 'LRU',
  description: 'Least recently used: evicts the key whose last request is oldest.',
  create: (context) => new QueuePolicy(context, true),
};
