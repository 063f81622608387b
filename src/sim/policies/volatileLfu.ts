import { redisPolicy } from './redis/redisPolicy';

export const volatileLfu = redisPolicy('volatile-lfu', 'volatile', 'lfu', 'Redis 7 approximated LFU over keys with a TTL only; a write is refused (OOM) when none has one.');
