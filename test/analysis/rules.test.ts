import { describe, expect, it } from 'vitest';
import { Analyzer, defaultAnalyzerSettings } from '../../src/analysis/analyzer';
import { analyzeSources, grammars, sample, summary } from './analyze';

const pyReader = `
import redis
r = redis.Redis()

def get_user(user_id):
    cached = r.get(f"user:{user_id}")
    if cached:
        return cached
    row = db.execute("SELECT * FROM users WHERE id = %s", [user_id]).fetchone()
    r.set(f"user:{user_id}", row, ex=300)
    return row
`;

describe('CL001 missing invalidation', () => {
  it('flags a write to the cached table in another file, on the write, linking the fill', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
from reader import r

def rename(user_id, name):
    with transaction.atomic():
        db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
    notify(user_id)
`,
    });
    expect(summary(findings)).toEqual(['CL001 writer.py:6']);
    const [finding] = findings;
    expect(finding!.message).toContain('rename writes users but never deletes the cache key user:{}; get_user fills it from users (reader.py:10)');
    expect(finding!.related[0]).toMatchObject({ path: 'reader.py', message: 'get_user caches users under user:{} here' });
    expect(finding!.related[0]!.range.startLine).toBe(9);
    // The fix goes after the with block (after the commit), with the writer's own variable.
    expect(finding!.fixes[0]!.edits[0]!.newText).toBe('\n    r.delete(f"user:{user_id}")');
    expect(finding!.fixes[0]!.edits[0]!.range.startLine).toBe(5);
  });

  it('does not flag a write that deletes the key, directly or through a helper two calls deep', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def rename(user_id, name):
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
    r.delete(f"user:{user_id}")

def deactivate(user_id):
    db.execute("UPDATE users SET active = false WHERE id = %s", [user_id])
    forget(user_id)

def forget(user_id):
    drop_keys(user_id)

def drop_keys(user_id):
    r.delete(f"user:{user_id}", f"sessions:{user_id}")
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('does not flag writes to other tables, inserts, or a key template that differs only in its variable', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def create(name):
    db.execute("INSERT INTO users (name) VALUES (%s)", [name])

def touch_team(team_id):
    db.execute("UPDATE teams SET touched = now() WHERE id = %s", [team_id])

def rename(uid, name):
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, uid])
    key = f"user:{uid}"
    r.delete(key)
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it("counts a Django post_save receiver that deletes the key for an instance's save, but not for a queryset update()", async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'signals.py': `
from django.core.cache import cache
from django.db.models.signals import post_save, post_delete
from django.dispatch import receiver

@receiver([post_save, post_delete], sender=User)
def forget_user(sender, instance, **kwargs):
    cache.delete(f"user:{instance.id}")
`,
      'writer.py': `
def rename(user_id, name):
    user = User.objects.get(id=user_id)
    user.name = name
    user.save()

def remove(user_id):
    User.objects.get(id=user_id).delete()

def rename_team(team_id, name):
    User.objects.filter(team_id=team_id).update(name=name)
`,
    });
    // update() sends no signal, so only the bulk write is left stale.
    expect(summary(findings)).toEqual(['CL001 writer.py:11']);
  });

  it('knows Django ORM writes and a TypeScript reader and writer', async () => {
    const findings = await analyzeSources({
      'models.py': `
from django.core.cache import cache

def get_profile(pk):
    profile = cache.get("profile:%s" % pk)
    if profile is None:
        profile = Profile.objects.get(pk=pk)
        cache.set("profile:%s" % pk, profile, 60)
    return profile

def rename_profile(pk, name):
    Profile.objects.filter(pk=pk).update(name=name)
`,
      'shop.ts': `
import Redis from "ioredis";
const redis = new Redis();
export async function getItem(id: string) {
  const key = "item:" + id;
  const hit = await redis.get(key);
  if (hit) return hit;
  const row = await pool.query("SELECT * FROM items WHERE id = $1", [id]);
  await redis.set(key, JSON.stringify(row), "EX", 60);
  return row;
}
export async function deleteItem(itemId: string) {
  await pool.query("DELETE FROM items WHERE id = $1", [itemId]);
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 models.py:12', 'CL001 shop.ts:13']);
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('\n    cache.delete(f"profile:{pk}")');
    expect(findings[1]!.fixes[0]!.edits[0]!.newText).toBe('\n  await redis.del(`item:${itemId}`);');
  });
});

describe('CL002 update instead of delete', () => {
  it('flags a set of the cached key after the write and replaces it with a delete', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def rename(user_id, name):
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
    r.set(f"user:{user_id}", build(user_id), ex=300)
`,
    });
    expect(summary(findings)).toEqual(['CL002 writer.py:4']);
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('r.delete(f"user:{user_id}")');
    expect(findings[0]!.race).toEqual({ scenario: 'update-instead-of-delete', key: 'user:{}', reader: 'rename', writer: 'rename' });
  });

  it('does not flag a set before the write, or of a key nobody fills from that table', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def warm(user_id):
    r.set(f"user:{user_id}", load(user_id), ex=300)
    db.execute("UPDATE users SET seen = now() WHERE id = %s", [user_id])
    r.delete(f"user:{user_id}")

def audit(user_id):
    db.execute("UPDATE users SET audited = true WHERE id = %s", [user_id])
    r.delete(f"user:{user_id}")
    r.set(f"audit:{user_id}", "done", ex=60)
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('CL005 no TTL', () => {
  it("flags each client's way of saying never expire", async () => {
    const findings = await analyzeSources({
      'a.py': `
import redis
from django.core.cache import cache
r = redis.Redis()

def f():
    r.set("a", 1)
    cache.set("b", 2, timeout=None)
    cache.set("c", 3, None)
`,
      'b.ts': `
import { createClient } from "redis";
const client = createClient();
const redis = new Redis();
export async function g() {
  await redis.set("d", "1");
  await client.set("e", "1");
}
`,
    });
    expect(summary(findings)).toEqual(['CL005 a.py:7', 'CL005 a.py:8', 'CL005 a.py:9', 'CL005 b.ts:6', 'CL005 b.ts:7']);
  });

  it('does not flag writes with a TTL, a client default, or a lock (CL007 covers locks)', async () => {
    const findings = await analyzeSources({
      'a.py': `
import redis
from django.core.cache import cache
r = redis.Redis()

def f():
    r.set("a", 1, ex=60)
    r.setex("b", 60, 1)
    cache.set("c", 3)
    cache.set("d", 3, timeout=600)
    r.set("lock", "me", nx=True, ex=30)
`,
      'b.ts': `
import { createClient } from "redis";
const client = createClient();
const redis = new Redis();
export async function g() {
  await redis.set("d", "1", "EX", 60);
  await client.set("e", "1", { EX: 60 });
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('CL006 KEYS or a flush', () => {
  it('flags KEYS and FLUSHALL in a request handler but not in tests', async () => {
    const source = `
import redis
r = redis.Redis()

@app.post("/admin/clear")
def clear():
    for key in r.keys("product:*"):
        r.delete(key)
    r.flushall()
`;
    expect(summary(await analyzeSources({ 'app/admin.py': source, 'tests/test_admin.py': source }))).toEqual(['CL006 app/admin.py:7', 'CL006 app/admin.py:9']);
  });

  it('does not flag SCAN and UNLINK', async () => {
    const findings = await analyzeSources({
      'admin.ts': `
const redis = new Redis();
export async function clear() {
  for await (const keys of redis.scanStream({ match: "review:*" })) await redis.unlink(...keys);
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('CL004 delete before the write', () => {
  it('flags a delete before the write and a delete inside the uncommitted transaction', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def rename(user_id, name):
    r.delete(f"user:{user_id}")
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])

def retire(user_id):
    with transaction.atomic():
        db.execute("UPDATE users SET active = false WHERE id = %s", [user_id])
        r.delete(f"user:{user_id}")
`,
    });
    expect(summary(findings)).toEqual(['CL004 writer.py:3', 'CL004 writer.py:9']);
    expect(findings[0]!.message).toContain('deletes user:{} before it writes users');
    expect(findings[1]!.message).toContain('inside the transaction that writes users');
    expect(findings[0]!.race).toEqual({ scenario: 'delete-before-write', key: 'user:{}', reader: 'get_user', writer: 'rename' });
  });

  it('accepts the double delete and a delete after the commit', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
def rename(user_id, name):
    r.delete(f"user:{user_id}")
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
    time.sleep(0.5)
    r.delete(f"user:{user_id}")

def retire(user_id):
    with transaction.atomic():
        db.execute("UPDATE users SET active = false WHERE id = %s", [user_id])
    r.delete(f"user:{user_id}")
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('CL007 lock safety', () => {
  it('flags a lock with no expiry and a release by plain delete', async () => {
    const findings = await analyzeSources({
      'jobs.py': `
import redis
r = redis.Redis()

def nightly():
    if not r.set("lock:nightly", "held", nx=True):
        return
    run()

def hourly(token):
    if not r.set("lock:hourly", token, nx=True, ex=600):
        return
    try:
        run()
    finally:
        r.delete("lock:hourly")
`,
      'jobs.ts': `
const redis = new Redis();
export async function daily() {
  if (await redis.set("lock:daily", "1", "NX")) await run();
}
`,
    });
    expect(summary(findings)).toEqual(['CL007 jobs.py:6', 'CL007 jobs.py:16', 'CL007 jobs.ts:4']);
  });

  it('flags a wait for the lock that never gives up: an endless loop, a loop on the lock itself, recursion', async () => {
    const findings = await analyzeSources({
      'wait.py': `
import redis
r = redis.Redis()

def spin(token):
    while True:
        if r.set("lock:report", token, nx=True, ex=30):
            return token
        time.sleep(0.1)

def until(token):
    while not r.set("lock:export", token, nx=True, ex=30):
        time.sleep(0.05)

def again(token):
    if r.set("lock:sync", token, nx=True, ex=30):
        return token
    time.sleep(0.1)
    return again(token)
`,
      'wait.ts': `
const redis = new Redis();
export async function spin(token: string) {
  for (;;) {
    const ok = await redis.set('lock:job', token, 'NX', 'EX', 30);
    if (ok) return token;
    await sleep(100);
  }
}
`,
      'wait.go': `
package wait

func (s *Service) Spin(ctx context.Context, token string) {
	for {
		ok, err := s.rdb.SetNX(ctx, "lock:job", token, 30*time.Second).Result()
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type Service struct {
	rdb *redis.Client
}
`,
    });
    expect(summary(findings)).toEqual(['CL007 wait.py:7', 'CL007 wait.py:12', 'CL007 wait.py:16', 'CL007 wait.ts:5', 'CL007 wait.go:6']);
    expect(findings[0]!.message).toBe('spin waits for the lock lock:report without a bound: it retries it in a loop with no deadline or attempt limit, so while another holder keeps it every caller spins here, holding a worker and hammering Redis. Give up after a deadline or a number of attempts, with backoff.');
    expect(findings[2]!.message).toContain('it retries it by calling itself with no attempt limit');
  });

  it('accepts waits with a deadline, an attempt limit, a cancellable context or a counting recursion', async () => {
    const findings = await analyzeSources({
      'wait.py': `
import redis
r = redis.Redis()

def until_deadline(token, deadline):
    while time.monotonic() < deadline:
        if r.set("lock:report", token, nx=True, ex=30):
            return token
        time.sleep(0.1)

def endless_with_timeout(token, deadline):
    while True:
        if r.set("lock:report", token, nx=True, ex=30):
            return token
        if time.monotonic() > deadline:
            raise TimeoutError("lock:report")
        time.sleep(0.1)

def attempts(token):
    for _ in range(5):
        if r.set("lock:report", token, nx=True, ex=30):
            return token
    return None

def again(token, attempts_left):
    if r.set("lock:sync", token, nx=True, ex=30):
        return token
    return again(token, attempts_left - 1) if attempts_left else None
`,
      'wait.go': `
package wait

func (s *Service) Spin(ctx context.Context, token string) error {
	for {
		ok, err := s.rdb.SetNX(ctx, "lock:job", token, 30*time.Second).Result()
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

type Service struct {
	rdb *redis.Client
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('accepts an expiring lock released by a token-checking script', async () => {
    const findings = await analyzeSources({
      'jobs.py': `
import redis
r = redis.Redis()
release = r.register_script("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0")

def hourly(token):
    if not r.set("lock:hourly", token, nx=True, ex=600):
        return
    try:
        run()
    finally:
        release(keys=["lock:hourly"], args=[token])
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('CL009 fixed TTL in a loop', () => {
  it('flags keys written in a loop with a constant TTL, through a pipeline too', async () => {
    const findings = await analyzeSources({
      'warm.py': `
import redis
r = redis.Redis()
TTL = 3600

def warm(teams):
    with r.pipeline() as pipe:
        for team in teams:
            pipe.set(f"team:{team.id}", team.name, ex=TTL)

def warm_items(items):
    for item in items:
        r.setex(f"item:{item.id}", 600, item.name)
`,
      'warm.ts': `
const redis = new Redis();
export async function warm(ids: string[]) {
  for (const id of ids) await redis.set(\`tag:\${id}\`, "1", "EX", 300);
}
`,
    });
    expect(summary(findings)).toEqual(['CL009 warm.py:9', 'CL009 warm.py:13', 'CL009 warm.ts:4']);
  });

  it('accepts jittered TTLs and a single key', async () => {
    const findings = await analyzeSources({
      'warm.py': `
import random
import redis
r = redis.Redis()
TTL = 3600

def warm(teams):
    for team in teams:
        r.set(f"team:{team.id}", team.name, ex=TTL + random.randint(0, 360))

def once():
    r.set("config", load(), ex=TTL)
`,
      'warm.ts': `
import Redis from 'ioredis';
const redis = new Redis();
export async function warm(ids: string[]) {
  for (const id of ids) {
    const ttl = 600 + Math.floor(Math.random() * 60);
    await redis.set(\`p:\${id}\`, id, 'EX', ttl);
  }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('does not count a WATCH retry loop, which writes one key, and knows setex carries its TTL', async () => {
    const findings = await analyzeSources({
      'retry.py': `
import redis
r = redis.Redis()

def bump_daily(day):
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch(f"daily:{day}")
                pipe.multi()
                pipe.set(f"daily:{day}", 1, ex=86400)
                pipe.execute()
                break
            except redis.WatchError:
                continue
`,
      'setex.ts': `
import Redis from 'ioredis';
const redis = new Redis();
export async function remember(id: string, v: string) {
  await redis.setex(\`p:\${id}\`, 60, v);
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it("knows a const's value: a Go const block and a TypeScript const are fixed TTLs", async () => {
    const findings = await analyzeSources({
      'warm.go': `
package warm

const (
	prefix   = "stock"
	stockTTL = 5 * time.Minute
)

func (s *Service) Warm(ctx context.Context, ids []int64) {
	for _, id := range ids {
		s.rdb.Set(ctx, fmt.Sprintf("stock:%d", id), 0, stockTTL)
	}
}

type Service struct {
	rdb *redis.Client
}
`,
      'warm.ts': `
import Redis from 'ioredis';
const redis = new Redis();
const ttl = 60 * 10;
export async function warm(ids: string[]) {
  for (const id of ids) await redis.set(\`p:\${id}\`, id, 'EX', ttl);
}
`,
    });
    expect(summary(findings)).toEqual(['CL009 warm.go:11', 'CL009 warm.ts:6']);
  });
});

describe('suppressions', () => {
  it('silences one code on the same or the next line, and reports a suppression that silences nothing', async () => {
    const findings = await analyzeSources({
      'a.py': `
import redis
r = redis.Redis()

def f():
    # cache-lab-ignore CL005
    r.set("a", 1)
    r.set("b", 1)  # cache-lab-ignore CL005
    r.set("c", 1)  # cache-lab-ignore CL001
    # cache-lab-ignore CL006
    r.get("d")
`,
    });
    expect(summary(findings)).toEqual(['CL005 a.py:9', 'CL000 a.py:9', 'CL000 a.py:10']);
  });
});

const goReader = `
package stock

type Service struct {
	db  *sql.DB
	rdb *redis.Client
}

func (s *Service) Get(ctx context.Context, id int64) (int64, error) {
	key := fmt.Sprintf("stock:%d", id)
	if v, err := s.rdb.Get(ctx, key).Int64(); err == nil {
		return v, nil
	}
	var q int64
	if err := s.db.QueryRowContext(ctx, "SELECT quantity FROM stock WHERE item_id = $1", id).Scan(&q); err != nil {
		return 0, err
	}
	s.rdb.Set(ctx, key, q, time.Minute)
	return q, nil
}
`;

describe('Go with go-redis and database/sql', () => {
  it('flags a write that never deletes the key, and the fix deletes it with fmt.Sprintf after the write', async () => {
    const findings = await analyzeSources({
      'get.go': goReader,
      'write.go': `
package stock

func (s *Service) Restock(ctx context.Context, itemID, n int64) error {
	_, err := s.db.ExecContext(ctx, "UPDATE stock SET quantity = quantity + $1 WHERE item_id = $2", n, itemID)
	return err
}

func (s *Service) Reset(ctx context.Context, itemID int64) error {
	_, err := s.db.ExecContext(ctx, "UPDATE stock SET quantity = 0 WHERE item_id = $1", itemID)
	s.rdb.Del(ctx, "stock:"+strconv.FormatInt(itemID, 10))
	return err
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 write.go:5']);
    expect(findings[0]!.message).toContain('Service.Restock writes stock but never deletes the cache key stock:{}; Service.Get fills it from stock (get.go:18)');
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('\n\ts.rdb.Del(ctx, fmt.Sprintf("stock:%v", itemID))');
    expect(findings[0]!.fixes[0]!.edits[0]!.range.startLine).toBe(4);
  });

  it('flags a delete inside the uncommitted transaction and accepts one after the commit', async () => {
    const findings = await analyzeSources({
      'get.go': goReader,
      'write.go': `
package stock

func (s *Service) Inside(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx.ExecContext(ctx, "UPDATE stock SET quantity = 0 WHERE item_id = $1", id)
	s.rdb.Del(ctx, fmt.Sprintf("stock:%d", id))
	return tx.Commit()
}

func (s *Service) After(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx.ExecContext(ctx, "UPDATE stock SET quantity = 0 WHERE item_id = $1", id)
	if err := tx.Commit(); err != nil {
		return err
	}
	return s.rdb.Del(ctx, fmt.Sprintf("stock:%d", id)).Err()
}
`,
    });
    expect(summary(findings)).toEqual(['CL004 write.go:10']);
    expect(findings[0]!.message).toContain('inside the transaction that writes stock');
  });

  it('flags a zero expiration, KEYS and FLUSHALL, and accepts a TTL, redis.KeepTTL and SCAN', async () => {
    const findings = await analyzeSources({
      'flags.go': `
package flags

var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

func Save(ctx context.Context, name string, on bool) {
	rdb.Set(ctx, "flag:"+name, on, 0)
	rdb.Set(ctx, "flag:"+name+":at", time.Now().Unix(), 24*time.Hour)
	rdb.Set(ctx, "flag:"+name+":by", "admin", redis.KeepTTL)
}

func Clear(w http.ResponseWriter, r *http.Request) {
	for _, key := range rdb.Keys(r.Context(), "flag:*").Val() {
		rdb.Del(r.Context(), key)
	}
	rdb.FlushAll(r.Context())
	rdb.Scan(r.Context(), 0, "flag:*", 100)
}
`,
    });
    expect(summary(findings)).toEqual(['CL005 flags.go:7', 'CL006 flags.go:13', 'CL006 flags.go:16']);
  });
});

describe('the sample workspace', () => {
  it('finds the bugs its README lists for Python, TypeScript, Go and Java, and nothing in the correct code', async () => {
    const orderService = 'java/src/main/java/com/example/orders/OrderService.java';
    const customers = 'java/src/main/java/com/example/customers/';
    const findings = await analyzeSources({
      'go/inventory.go': sample('go/inventory.go'),
      [orderService]: sample(orderService),
      ...Object.fromEntries(['Customer.java', 'CustomerCacheListener.java', 'CustomerRepository.java', 'CustomerService.java'].map((name) => [customers + name, sample(customers + name)])),
      'python/user_service.py': sample('python/user_service.py'),
      'python/jobs.py': sample('python/jobs.py'),
      'python/billing.py': sample('python/billing.py'),
      'python/cache_admin.py': sample('python/cache_admin.py'),
      'python/urls.py': sample('python/urls.py'),
      'typescript/src/productService.ts': sample('typescript/src/productService.ts'),
    });
    expect(summary(findings)).toEqual([
      'CL004 go/inventory.go:56',
      `CL001 ${orderService}:47`,
      `CL005 ${orderService}:56`,
      `CL008 ${orderService}:56`,
      `CL001 ${customers}CustomerService.java:36`,
      'CL001 python/user_service.py:40',
      'CL005 python/jobs.py:31',
      'CL010 python/jobs.py:40',
      'CL007 python/jobs.py:49',
      'CL009 python/jobs.py:74',
      'CL001 python/jobs.py:96',
      'CL001 python/billing.py:47',
      'CL006 python/cache_admin.py:12',
      'CL002 typescript/src/productService.ts:37',
      'CL006 typescript/src/productService.ts:72',
    ]);
  });
});

describe('bad input', () => {
  it('analyses unparsable code without throwing, skips binary and oversized files, and still finds bugs in the rest', async () => {
    const analyzer = new Analyzer(grammars, { ...defaultAnalyzerSettings, maxFileBytes: 200 });
    await analyzer.update('broken.py', 'def f(:\n    r.set("a", 1\n');
    await analyzer.update('half.ts', 'export async function g() { await redis.set("a", "1"');
    expect((await analyzer.update('binary.py', 'x = 1\u0000\u0001\u0002')).skipped).toBe('binary');
    expect((await analyzer.update('huge.py', `x = "${'a'.repeat(300)}"\n`)).skipped).toBe('larger than 200 bytes');
    expect((await analyzer.update('notes.rb', 'puts 1')).skipped).toBe('no grammar for this file type');
    await analyzer.update('ok.py', 'import redis\nr = redis.Redis()\ndef f(k):\n    r.set(k, 1)\n');
    expect(summary(analyzer.allFindings())).toEqual(['CL005 ok.py:4']);
  });
});
