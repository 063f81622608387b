import { redisPolicy } from './redis/redisPolicy';

export const noeviction = redisPolicy('noeviction', 'allkeys', 'none', 'Redis 7 noeviction: never evicts; a write that does not fit is refused with an OOM error.');
