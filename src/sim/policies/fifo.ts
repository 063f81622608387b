import type { PolicyDefinition } from './policy';
import { evictFront, queuePolicy } from './queuePolicy';

export const fifo: PolicyDefinition = {
  id: 'fifo',
  label: 'FIFO',
  description: 'First in, first out: evicts the key filled longest ago, however often it was hit.',
  create: (context) => queuePolicy(context, () => {}, evictFront),
};
