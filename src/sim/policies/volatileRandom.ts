import { redisPolicy } from './redis/redisPolicy';

export const volatileRandom = redisPolicy('volatile-random', 'volatile', 'random', 'Redis 7: a random key among those with a TTL; a write is refused (OOM) when none has one.');
