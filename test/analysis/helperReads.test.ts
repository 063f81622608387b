import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, grammars, summary } from './analyze';

const limits = `
from django.core.cache import cache
from django.db import connection

def _fetch_all(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()

def plan_limits():
    limits = cache.get("plan_limits")
    if limits is None:
        limits = dict(_fetch_all("SELECT plan, max_seats FROM plans"))
        cache.set("plan_limits", limits, timeout=600)
    return limits
`;

const userRepository = `
def load_user(user_id):
    return db.execute("SELECT * FROM users WHERE id = %s", [user_id]).fetchone()

def find_user(user_id):
    return load_user(user_id)

def find_user_later(user_id):
    return find_user(user_id)
`;

const userService = `
import redis
r = redis.Redis()

def get_user(user_id):
    cached = r.get(f"user:{user_id}")
    if cached is None:
        cached = find_user(user_id)
        r.set(f"user:{user_id}", cached, ex=300)
    return cached
`;

const renameUser = `
def rename(user_id, name):
    db.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
`;

describe('database reads through the project’s own functions', () => {
  it('parses SQL text passed to a helper that runs it as the read, at the call', async () => {
    const findings = await analyzeSources({
      'jobs.py': limits,
      'admin.py': `
def set_seats(plan, seats):
    db.execute("UPDATE plans SET max_seats = %s WHERE plan = %s", [seats, plan])
`,
    });
    expect(summary(findings)).toEqual(['CL010 jobs.py:13', 'CL001 admin.py:3']);
    expect(findings[0]!.message).toContain('plan_limits fills plan_limits, one key that every request reads, with no stampede protection');
    // On the helper's call, where the query runs.
    expect(findings[0]!.range).toMatchObject({ startLine: 12, startColumn: 22 });
    expect(findings[1]!.message).toBe('set_seats writes plans but never deletes the cache key plan_limits; plan_limits fills it from plans (jobs.py:14), so reads serve the old data until its TTL ends.');
  });

  it('counts a helper in another file that reads the table itself, or through one more call', async () => {
    const findings = await analyzeSources({ 'repository.py': userRepository, 'service.py': userService, 'writer.py': renameUser });
    expect(summary(findings)).toEqual(['CL001 writer.py:3']);
    expect(findings[0]!.message).toContain('get_user fills it from users (service.py:9)');
  });

  it('does not count a read three calls deep, SQL passed to a function that does not run it, or a function that reads nothing', async () => {
    const findings = await analyzeSources({
      'repository.py': userRepository,
      'service.py': `${userService.replace('find_user(', 'find_user_later(')}
def log_query(sql, user_id):
    print(sql, user_id)

def get_profile(user_id):
    cached = r.get(f"profile:{user_id}")
    if cached is None:
        log_query("SELECT * FROM users WHERE id = %s", user_id)
        cached = build_profile(user_id)
        r.set(f"profile:{user_id}", cached, ex=300)
    return cached

def build_profile(user_id):
    return {"id": user_id}
`,
      'writer.py': renameUser,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('works the same in TypeScript', async () => {
    const findings = await analyzeSources({
      'products.ts': `
import Redis from "ioredis";
import { Pool } from "pg";
const redis = new Redis();
const pool = new Pool();

async function loadProduct(id: string) {
  const { rows } = await pool.query("SELECT * FROM products WHERE id = $1", [id]);
  return rows[0];
}

export async function getProduct(id: string) {
  const cached = await redis.get(\`product:\${id}\`);
  if (cached) return JSON.parse(cached);
  const product = await loadProduct(id);
  await redis.set(\`product:\${id}\`, JSON.stringify(product), "EX", 300);
  return product;
}

export async function reprice(id: string, price: number) {
  await pool.query("UPDATE products SET price = $1 WHERE id = $2", [price, id]);
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 products.ts:21']);
  });

  it('re-checks the files whose fills read through a helper when the helper’s file changes, as a fresh analysis would', async () => {
    const analyzer = new Analyzer(grammars);
    await analyzer.update('service.py', userService);
    await analyzer.update('writer.py', renameUser);
    expect(summary(analyzer.allFindings())).toEqual([]);
    // The helper arrives after the fill that calls it.
    await analyzer.update('repository.py', userRepository);
    expect(summary(analyzer.allFindings())).toEqual(['CL001 writer.py:3']);
    // The helper stops reading users, through the editor's path.
    const edited = userRepository.replace('FROM users', 'FROM accounts');
    const at = userRepository.indexOf('users');
    await analyzer.update('repository.py', edited, [{ range: { start: at, end: at + 5, startLine: 2, startColumn: at - userRepository.lastIndexOf('\n', at) - 1, endLine: 2, endColumn: at - userRepository.lastIndexOf('\n', at) + 4 }, text: 'accounts' }]);
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('repository.py', userRepository);
    expect(summary(analyzer.allFindings())).toEqual(['CL001 writer.py:3']);
    analyzer.remove('repository.py');
    expect(summary(analyzer.allFindings())).toEqual([]);
  });
});
