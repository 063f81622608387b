import { redisPolicy } from './redis/redisPolicy';

export const volatileTtl = redisPolicy('volatile-ttl', 'volatile', 'ttl', 'Redis 7: among sampled keys with a TTL, the one expiring soonest; a write is refused (OOM) when none has one.');
