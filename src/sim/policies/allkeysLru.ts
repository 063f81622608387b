import { redisPolicy } from './redis/redisPolicy';

export const allkeysLru = redisPolicy('allkeys-lru', 'allkeys', 'lru', 'Redis 7 approximated LRU: samples maxmemory-samples keys into a 16-entry pool and evicts the one idle longest, on a 1-second LRU clock.');
