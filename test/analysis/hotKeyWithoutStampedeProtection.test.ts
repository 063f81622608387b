import { describe, expect, it } from 'vitest';
import { analyzeSources, summary } from './analyze';

const advice = "Let one request refill it while the others wait or use the old value: a lock (SET NX with an expiry), single-flight, early probabilistic refresh (XFetch), stale-while-revalidate or refresh-ahead. Cache Lab's Stampede Lab (Cache Lab: Open Stampede Lab) compares them.";

const topProducts = `
def top_products():
    cached = r.get("homepage:top_products")
    if cached is not None:
        return json.loads(cached)
    rows = db.execute("SELECT id, name FROM products ORDER BY sales DESC LIMIT 10").fetchall()
    r.set("homepage:top_products", json.dumps(rows), ex=60)
    return rows
`;

describe('CL010 hot key without stampede protection', () => {
  it('flags the query of a fill whose key has no varying part, as information, linking the read and the refill', async () => {
    const findings = await analyzeSources({
      'home.py': `
import json
import redis
r = redis.Redis()
${topProducts}`,
    });
    expect(summary(findings)).toEqual(['CL010 home.py:10']);
    const [finding] = findings;
    expect(finding!.severity).toBe('info');
    expect(finding!.message).toBe(`top_products fills homepage:top_products, one key that every request reads, with no stampede protection: when it expires, every request that arrives before it is refilled misses and runs this query at once. ${advice}`);
    expect(finding!.range).toMatchObject({ startLine: 9, startColumn: 11 });
    expect(finding!.related.map((r) => [r.path, r.range.startLine, r.message])).toEqual([
      ['home.py', 6, 'every request reads homepage:top_products here'],
      ['home.py', 10, 'homepage:top_products is refilled here'],
    ]);
    expect(finding!.fixes).toEqual([]);
  });

  it('flags ioredis with pg, and go-redis with database/sql', async () => {
    const findings = await analyzeSources({
      'banner.ts': `
import Redis from "ioredis";
const redis = new Redis();
export async function banner() {
  const cached = await redis.get("site:banner");
  if (cached !== null) return cached;
  const { rows } = await db.query("SELECT text FROM banners WHERE active LIMIT 1");
  await redis.set("site:banner", rows[0].text, "EX", 300);
  return rows[0].text;
}
`,
      'board.go': `
package board

type Board struct {
	db  *sql.DB
	rdb *redis.Client
}

func (b *Board) Leaders(ctx context.Context) (string, error) {
	if v, err := b.rdb.Get(ctx, "leaderboard:global").Result(); err == nil {
		return v, nil
	}
	var names string
	if err := b.db.QueryRowContext(ctx, "SELECT string_agg(name, ',') FROM players").Scan(&names); err != nil {
		return "", err
	}
	b.rdb.Set(ctx, "leaderboard:global", names, time.Minute)
	return names, nil
}
`,
    });
    expect(summary(findings)).toEqual(['CL010 banner.ts:7', 'CL010 board.go:14']);
    expect(findings[0]!.message).toContain('banner fills site:banner, one key that every request reads');
    expect(findings[1]!.message).toContain('Board.Leaders fills leaderboard:global, one key that every request reads');
  });

  it('does not flag a key with a varying part, a miss path behind a lock, XFetch, stale-while-revalidate or refresh-ahead, or a key that never expires', async () => {
    const findings = await analyzeSources({
      'product.ts': `
const redis = new Redis();
export async function product(id: string) {
  const hit = await redis.get("product:" + id);
  if (hit) return hit;
  const { rows } = await db.query("SELECT * FROM products WHERE id = $1", [id]);
  await redis.set("product:" + id, JSON.stringify(rows[0]), "EX", 300);
}
`,
      'ok.py': `
import json
import math
import random
import time
import redis
r = redis.Redis()

def bestsellers():
    page = r.get("homepage:bestsellers")
    if page is None and r.set("lock:homepage:bestsellers", "1", nx=True, ex=10):
        page = json.dumps(db.execute("SELECT id FROM products ORDER BY sales DESC").fetchall())
        r.set("homepage:bestsellers", page, ex=60)
    return page

def categories():
    cached = r.get("homepage:categories")
    if cached is not None and time.time() - 2.0 * math.log(random.random()) < json.loads(cached)["expires_at"]:
        return json.loads(cached)["rows"]
    rows = db.execute("SELECT id, name FROM categories").fetchall()
    r.set("homepage:categories", json.dumps({"rows": rows, "expires_at": time.time() + 300}), ex=360)
    return rows

def deals():
    cached = r.get("homepage:deals")
    if cached is not None:
        return serve_stale_and_revalidate("homepage:deals", cached)
    rows = db.execute("SELECT id FROM deals").fetchall()
    r.set("homepage:deals", json.dumps(rows), ex=60)
    return rows

def brands():
    cached = r.get("homepage:brands")
    if cached is not None:
        if r.ttl("homepage:brands") < 10:
            schedule(warm_brands)
        return json.loads(cached)
    rows = db.execute("SELECT id FROM brands").fetchall()
    r.set("homepage:brands", json.dumps(rows), ex=60)
    return rows

def countries():
    cached = r.get("countries")
    if cached is None:
        cached = json.dumps(db.execute("SELECT code FROM countries").fetchall())
        r.set("countries", cached)
    return cached
`,
    });
    // The key that never expires is CL005's.
    expect(summary(findings)).toEqual(['CL005 ok.py:46']);
  });

  it('does not flag a fill run from a lock or single-flight: a callback given to it, or a function called under it', async () => {
    const findings = await analyzeSources({
      'home.py': `
import json
import threading
import redis
r = redis.Redis()
refill_lock = threading.Lock()

def homepage():
    with refill_lock:
        return top_products()
${topProducts}`,
      'board.go': `
package board

type Board struct {
	db    *sql.DB
	rdb   *redis.Client
	group singleflight.Group
}

func (b *Board) Leaders(ctx context.Context) (any, error) {
	v, err, _ := b.group.Do("leaderboard", func() (any, error) {
		if v, err := b.rdb.Get(ctx, "leaderboard:global").Result(); err == nil {
			return v, nil
		}
		var names string
		b.db.QueryRowContext(ctx, "SELECT string_agg(name, ',') FROM players").Scan(&names)
		b.rdb.Set(ctx, "leaderboard:global", names, time.Minute)
		return names, nil
	})
	return v, err
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});
