import { redisPolicy } from './redis/redisPolicy';

export const allkeysRandom = redisPolicy('allkeys-random', 'allkeys', 'random', 'Redis 7: evicts a random key (a random bucket of the keyspace, then a random key of its chain).');
