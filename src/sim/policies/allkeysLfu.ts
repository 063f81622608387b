import { redisPolicy } from './redis/redisPolicy';

export const allkeysLfu = redisPolicy('allkeys-lfu', 'allkeys', 'lfu', 'Redis 7 approximated LFU: the sampled pool key with the lowest decayed 8-bit logarithmic counter (lfu-log-factor, lfu-decay-time).');
