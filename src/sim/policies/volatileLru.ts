import { redisPolicy } from './redis/redisPolicy';

export const volatileLru = redisPolicy('volatile-lru', 'volatile', 'lru', 'Redis 7 approximated LRU over keys with a TTL only; a write is refused (OOM) when none has one.');
