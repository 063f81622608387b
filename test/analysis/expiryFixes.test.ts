import { describe, expect, it } from 'vitest';
import { fixed } from './analyze';

describe('CL005 fix: expire after five minutes with jitter', () => {
  it('adds ex= to redis-py and imports random before the first import', async () => {
    const { finding, text, after } = await fixed('flags.py', 'import redis\nr = redis.Redis()\n\ndef save(k, v):\n    r.set(k, v)\n', 'CL005');
    expect(finding.fixes[0]!.title).toBe('Expire after 5 minutes, with up to 10% jitter');
    expect(text).toBe('import random\nimport redis\nr = redis.Redis()\n\ndef save(k, v):\n    r.set(k, v, ex=random.randint(300, 330))\n');
    expect(after).toEqual([]);
  });

  it("replaces Django's timeout=None and keeps an existing import random", async () => {
    const { text } = await fixed('jobs.py', 'import random\nfrom django.core.cache import cache\n\ndef flags():\n    cache.set("flags", load(), timeout=None)\n', 'CL005');
    expect(text).toBe('import random\nfrom django.core.cache import cache\n\ndef flags():\n    cache.set("flags", load(), timeout=random.randint(300, 330))\n');
  });

  it("adds 'EX' to ioredis and an EX option to node-redis", async () => {
    const io = await fixed('a.ts', "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function save(k: string, v: string) {\n  await redis.set(k, v);\n}\n", 'CL005');
    expect(io.text).toContain("await redis.set(k, v, 'EX', 300 + Math.floor(Math.random() * 30));");
    expect(io.after).toEqual([]);
    const node = await fixed('b.ts', "import { createClient } from 'redis';\nconst client = createClient();\nexport async function save(k: string, v: string) {\n  await client.set(k, v);\n}\n", 'CL005');
    expect(node.text).toContain('await client.set(k, v, { EX: 300 + Math.floor(Math.random() * 30) });');
    expect(node.after).toEqual([]);
  });

  it("replaces go-redis's zero expiration and adds the imports it needs", async () => {
    const source = 'package flags\n\nimport (\n\t"context"\n)\n\nvar rdb = redis.NewClient(&redis.Options{})\n\nfunc Save(ctx context.Context, k string) {\n\trdb.Set(ctx, k, 1, 0)\n}\n';
    const { text, after } = await fixed('flags.go', source, 'CL005');
    expect(text).toBe('package flags\n\nimport (\n\t"math/rand"\n\t"time"\n\t"context"\n)\n\nvar rdb = redis.NewClient(&redis.Options{})\n\nfunc Save(ctx context.Context, k string) {\n\trdb.Set(ctx, k, 1, 5*time.Minute + time.Duration(rand.Int63n(int64((5*time.Minute)/10))))\n}\n');
    expect(after).toEqual([]);
  });
});

describe('CL007 fix: expire the lock', () => {
  it('adds ex=30 to a redis-py SET NX and turns SETNX into SET NX EX', async () => {
    const lock = await fixed('jobs.py', 'import redis\nr = redis.Redis()\n\ndef run():\n    if r.set("lock:report", "1", nx=True):\n        work()\n', 'CL007');
    expect(lock.finding.fixes[0]!.title).toBe('Expire the lock after 30 seconds');
    expect(lock.text).toContain('if r.set("lock:report", "1", nx=True, ex=30):');
    expect(lock.after).toEqual([]);
    const setnx = await fixed('jobs.py', 'import redis\nr = redis.Redis()\n\ndef run():\n    if r.setnx("lock:report", "1"):\n        work()\n', 'CL007');
    expect(setnx.text).toContain('if r.set("lock:report", "1", nx=True, ex=30):');
    expect(setnx.after).toEqual([]);
  });

  it("adds 'EX', 30 after ioredis's 'NX', and 30*time.Second to go-redis's SetNX", async () => {
    const io = await fixed('lock.ts', "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function run() {\n  if (await redis.set('lock:job', '1', 'NX')) await work();\n}\n", 'CL007');
    expect(io.text).toContain("redis.set('lock:job', '1', 'NX', 'EX', 30)");
    expect(io.after).toEqual([]);
    const go = await fixed('lock.go', 'package jobs\n\nfunc (s *Service) Run(ctx context.Context) {\n\tok, _ := s.rdb.SetNX(ctx, "lock:job", 1, 0).Result()\n\t_ = ok\n}\n\ntype Service struct {\n\trdb *redis.Client\n}\n', 'CL007');
    expect(go.text).toContain('s.rdb.SetNX(ctx, "lock:job", 1, 30*time.Second)');
    expect(go.after).toEqual([]);
  });
});

describe('CL009 fix: jitter the TTL', () => {
  it('jitters a number in Python, a constant in TypeScript and a Duration constant in Go', async () => {
    const py = await fixed('warm.py', 'import redis\nr = redis.Redis()\n\ndef warm(teams):\n    for t in teams:\n        r.set(f"team:{t.id}", t.name, ex=3600)\n', 'CL009');
    expect(py.finding.fixes[0]!.title).toBe('Add up to 10% random jitter to the TTL');
    expect(py.text).toContain('import random\nimport redis\n');
    expect(py.text).toContain('r.set(f"team:{t.id}", t.name, ex=random.randint(3600, 3960))');
    expect(py.after).toEqual([]);
    const ts = await fixed('warm.ts', "import Redis from 'ioredis';\nconst redis = new Redis();\nconst TTL = 600;\nexport async function warm(ids: string[]) {\n  for (const id of ids) await redis.set(`p:${id}`, id, 'EX', TTL);\n}\n", 'CL009');
    expect(ts.text).toContain("redis.set(`p:${id}`, id, 'EX', TTL + Math.floor(Math.random() * (TTL / 10)))");
    expect(ts.after).toEqual([]);
    const go = await fixed('warm.go', 'package warm\n\nimport "time"\n\nconst stockTTL = 5 * time.Minute\n\nfunc (s *Service) Warm(ctx context.Context, ids []int64) {\n\tfor _, id := range ids {\n\t\ts.rdb.Set(ctx, fmt.Sprintf("stock:%d", id), 0, stockTTL)\n\t}\n}\n\ntype Service struct {\n\trdb *redis.Client\n}\n', 'CL009');
    expect(go.text).toBe('package warm\n\nimport (\n\t"math/rand"\n)\n\nimport "time"\n\nconst stockTTL = 5 * time.Minute\n\nfunc (s *Service) Warm(ctx context.Context, ids []int64) {\n\tfor _, id := range ids {\n\t\ts.rdb.Set(ctx, fmt.Sprintf("stock:%d", id), 0, stockTTL + time.Duration(rand.Int63n(int64(stockTTL/10))))\n\t}\n}\n\ntype Service struct {\n\trdb *redis.Client\n}\n');
    expect(go.after).toEqual([]);
  });
});
