import { describe, expect, it } from 'vitest';
import { analyzeSources, summary } from './analyze';

const redisAdvice = 'Instead, let Redis do it in one step: INCR/INCRBY (HINCRBY for a hash field), a Lua script, or WATCH/MULTI around the read and the write.';

describe('CL008 read-modify-write', () => {
  it('flags a redis-py counter read, incremented and written back, on the write, linking the read', async () => {
    const findings = await analyzeSources({
      'views.py': `
import redis
r = redis.Redis()

def record_view(page_id):
    key = f"views:{page_id}"
    count = int(r.get(key) or 0)
    r.set(key, count + 1, ex=86400)
`,
    });
    expect(summary(findings)).toEqual(['CL008 views.py:8']);
    const [finding] = findings;
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toBe(`record_view reads views:{} into count (line 7) and sets it to count + 1: two callers that run this together read the same value and one update is lost. ${redisAdvice}`);
    expect(finding!.range).toMatchObject({ startLine: 7, startColumn: 4, endLine: 7, endColumn: 35 });
    expect(finding!.related).toEqual([{ path: 'views.py', range: expect.objectContaining({ startLine: 6, startColumn: 16 }), message: 'views:{} is read here' }]);
    expect(finding!.fixes).toEqual([]);
  });

  it('flags ioredis and go-redis counters, and suggests incr for Django’s cache', async () => {
    const findings = await analyzeSources({
      'points.ts': `
import Redis from "ioredis";
const redis = new Redis();
export async function addPoints(userId: string, points: number) {
  const key = \`points:\${userId}\`;
  const n = Number(await redis.get(key));
  await redis.set(key, n + points, "EX", 3600);
}
`,
      'hits.go': `
package counters

type Counter struct {
	rdb *redis.Client
}

func (c *Counter) Hit(ctx context.Context, page string) error {
	key := "hits:" + page
	v, _ := c.rdb.Get(ctx, key).Int()
	return c.rdb.Set(ctx, key, v+1, 24*time.Hour).Err()
}
`,
      'quota.py': `
from django.core.cache import cache

def spend(account_id, amount):
    used = cache.get(f"quota:{account_id}", 0)
    cache.set(f"quota:{account_id}", used + amount, 3600)
`,
    });
    expect(summary(findings)).toEqual(['CL008 points.ts:7', 'CL008 hits.go:11', 'CL008 quota.py:6']);
    expect(findings[0]!.message).toBe(`addPoints reads points:{} into n (line 6) and sets it to n + points: two callers that run this together read the same value and one update is lost. ${redisAdvice}`);
    expect(findings[1]!.message).toBe(`Counter.Hit reads hits:{} into v (line 10) and sets it to v+1: two callers that run this together read the same value and one update is lost. ${redisAdvice}`);
    expect(findings[1]!.related[0]!.range.startLine).toBe(9);
    expect(findings[2]!.message).toBe('spend reads quota:{} into used (line 5) and sets it to used + amount: two callers that run this together read the same value and one update is lost. Instead, use cache.incr(...) or decr(...), which the Redis and Memcached backends run in one step, or hold a lock around the read and the write.');
  });

  it('follows a local computed by arithmetic from the read, and not one that only chooses between values', async () => {
    const findings = await analyzeSources({
      'views.py': `
import json
import redis
r = redis.Redis()

def record_view(page_id):
    key = f"views:{page_id}"
    current = r.get(key)
    views = int(current or 0) + 1
    r.set(key, views, ex=86400)

def settings(team_id):
    key = f"settings:{team_id}"
    cached = r.get(key)
    data = json.loads(cached) if cached else load_settings(team_id)
    r.set(key, json.dumps(data), ex=600)
`,
    });
    expect(summary(findings)).toEqual(['CL008 views.py:10']);
    expect(findings[0]!.message).toContain('record_view reads views:{} into current (line 8) and sets it to views');
  });

  it('does not flag INCR, an unrelated value, another key, a TTL refresh, or a cache-aside fill', async () => {
    const findings = await analyzeSources({
      'ok.py': `
import json
import time
import redis
r = redis.Redis()

def record_view(page_id):
    r.incr(f"views:{page_id}")

def touch(session_id):
    last = r.get(f"seen:{session_id}")
    r.set(f"seen:{session_id}", time.time(), ex=60)
    return last

def copy(page_id):
    count = int(r.get(f"views:{page_id}") or 0)
    r.set(f"views:{page_id}:copy", count + 1, ex=60)

def keep_alive(token):
    value = r.get(f"token:{token}")
    if value:
        r.set(f"token:{token}", value, ex=900)

def get_user(user_id):
    cached = r.get(f"user:{user_id}")
    if cached is not None:
        return json.loads(cached)
    row = db.execute("SELECT * FROM users WHERE id = %s", [user_id]).fetchone()
    r.set(f"user:{user_id}", json.dumps(row), ex=300)
    return row

def plan_limits(plan):
    limits = r.get(f"plan_limits:{plan}")
    if limits is None:
        limits = json.dumps(db.execute("SELECT seats FROM plans WHERE plan = %s", [plan]).fetchone())
        r.set(f"plan_limits:{plan}", limits, ex=600)
    return limits
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('does not flag a read and write made one step: WATCH/MULTI, a lock, a mutex around a callback, or an in-process cache', async () => {
    const findings = await analyzeSources({
      'atomic.py': `
import redis
r = redis.Redis()

def record_view(page_id):
    key = f"views:{page_id}"
    with r.pipeline() as pipe:
        pipe.watch(key)
        count = int(pipe.get(key) or 0)
        pipe.multi()
        pipe.set(key, count + 1, ex=86400)
        pipe.execute()

def add_credit(account_id, amount):
    with r.lock(f"lock:credit:{account_id}", timeout=10):
        balance = int(r.get(f"credit:{account_id}") or 0)
        r.set(f"credit:{account_id}", balance + amount, ex=3600)
`,
      'atomic.ts': `
import Redis from "ioredis";
import { LRUCache } from "lru-cache";
const redis = new Redis();
const local = new LRUCache<string, number>({ max: 100 });
export async function addPoints(userId: string, points: number) {
  await redis.watch(\`points:\${userId}\`);
  const n = Number(await redis.get(\`points:\${userId}\`));
  await redis.multi().set(\`points:\${userId}\`, n + points).exec();
}
export async function addBadge(userId: string) {
  await mutex.runExclusive(async () => {
    const count = Number(await redis.get(\`badges:\${userId}\`));
    await redis.set(\`badges:\${userId}\`, count + 1, "EX", 3600);
  });
}
export function countLocally(key: string) {
  const n = local.get(key) ?? 0;
  local.set(key, n + 1, { ttl: 60_000 });
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});
