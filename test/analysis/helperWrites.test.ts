import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, fixed, grammars, summary } from './analyze';

const pyUsers = `
from django.core.cache import cache
from django.db import connection

def _execute(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)

def get_user(user_id):
    key = f"user:{user_id}"
    cached = cache.get(key)
    if cached is None:
        cached = User.objects.get(id=user_id)
        cache.set(key, cached, timeout=300)
    return cached
`;

const pyRename = `${pyUsers}
def rename_user(user_id, name):
    _execute("UPDATE users SET name = %s WHERE id = %s", name, user_id)
`;

describe('Python: SQL text passed to the project’s own function that runs it', () => {
  it('flags an UPDATE passed to a helper that runs it, on the helper’s call, and fixes it after that call', async () => {
    const { finding, text, after } = await fixed('users.py', pyRename, 'CL001');
    expect(summary([finding])).toEqual(['CL001 users.py:18']);
    expect(finding.message).toBe('rename_user writes users but never deletes the cache key user:{}; get_user fills it from users (users.py:14), so reads serve the old data until its TTL ends.');
    expect(finding.range).toMatchObject({ startLine: 17, startColumn: 4 });
    expect(text).toContain('    _execute("UPDATE users SET name = %s WHERE id = %s", name, user_id)\n    cache.delete(f"user:{user_id}")\n');
    expect(after).not.toContain('CL001');
  });

  it('flags a DELETE through the helper, and a helper in another file', async () => {
    const findings = await analyzeSources({
      'db.py': 'from django.db import connection\n\ndef run_sql(sql, params=()):\n    with connection.cursor() as cursor:\n        cursor.execute(sql, params)\n',
      'users.py': pyUsers,
      'admin.py': 'def purge_user(user_id):\n    run_sql("DELETE FROM users WHERE id = %s", [user_id])\n',
    });
    expect(summary(findings)).toEqual(['CL001 admin.py:2']);
    expect(findings[0]!.message).toContain('purge_user writes users but never deletes the cache key user:{}');
  });

  it('does not flag a helper write followed by the delete, directly or in a function it calls', async () => {
    const findings = await analyzeSources({
      'users.py': `${pyUsers}
def rename_user(user_id, name):
    _execute("UPDATE users SET name = %s WHERE id = %s", name, user_id)
    cache.delete(f"user:{user_id}")

def deactivate_user(user_id):
    _execute("UPDATE users SET active = false WHERE id = %s", user_id)
    forget_user(user_id)

def forget_user(user_id):
    cache.delete(f"user:{user_id}")
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('does not count SQL given to a function that never runs it, or text that writes no table', async () => {
    const findings = await analyzeSources({
      'users.py': `${pyUsers}
def _log(sql, *params):
    print(sql % params)

def rename_user(user_id, name):
    _log("UPDATE users SET name = %s WHERE id = %s", name, user_id)

def vacuum_users():
    _execute("VACUUM ANALYZE users")

def count_users():
    return _execute("SELECT count(*) FROM users")

def add_user(name):
    _execute("INSERT INTO users (name) VALUES (%s)", name)
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('flags a helper write before which the key is deleted (CL004) and after which it is set (CL002), as a direct write', async () => {
    const findings = await analyzeSources({
      'users.py': `${pyUsers}
def rename_user(user_id, name):
    cache.delete(f"user:{user_id}")
    _execute("UPDATE users SET name = %s WHERE id = %s", name, user_id)

def set_email(user_id, email):
    _execute("UPDATE users SET email = %s WHERE id = %s", email, user_id)
    cache.set(f"user:{user_id}", User.objects.get(id=user_id), timeout=300)
`,
    });
    expect(summary(findings)).toEqual(['CL004 users.py:18', 'CL002 users.py:23']);
    expect(findings[0]!.message).toContain('rename_user deletes user:{} before it writes users');
    expect(findings[1]!.message).toContain('set_email writes users, then sets user:{} to a value it built');
  });

  it('flags a helper write that changes the looked-up column and deletes only the new value’s key (CL003), its placeholders bound to the list passed', async () => {
    const findings = await analyzeSources({
      'users.py': `
from django.core.cache import cache
from django.db import connection

def _fetch_one(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()

def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)

def user_by_email(email):
    cached = cache.get(f"user:email:{email}")
    if cached is None:
        cached = _fetch_one("SELECT * FROM users WHERE email = %s", [email])
        cache.set(f"user:email:{email}", cached, timeout=300)
    return cached

def change_email(user_id, new_email):
    _run("UPDATE users SET email = %s WHERE id = %s", [new_email, user_id])
    cache.delete(f"user:email:{new_email}")
`,
    });
    expect(summary(findings)).toEqual(['CL003 users.py:23']);
    expect(findings[0]!.message).toContain('change_email changes email and deletes user:email:{} for the new email (new_email)');
  });

  it('re-checks the writer when the helper’s file starts or stops running its parameter, as a fresh analysis would', async () => {
    const analyzer = new Analyzer(grammars);
    const helper = 'from django.db import connection\n\ndef run_sql(sql, params=()):\n    with connection.cursor() as cursor:\n        cursor.execute(sql, params)\n';
    await analyzer.update('users.py', pyUsers);
    await analyzer.update('admin.py', 'def purge_user(user_id):\n    run_sql("DELETE FROM users WHERE id = %s", [user_id])\n');
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('db.py', helper);
    expect(summary(analyzer.allFindings())).toEqual(['CL001 admin.py:2']);
    await analyzer.update('db.py', helper.replace('cursor.execute(sql, params)', 'print(sql, params)'));
    expect(summary(analyzer.allFindings())).toEqual([]);
  });
});

const tsProducts = `
import Redis from "ioredis";
import { Pool } from "pg";
const redis = new Redis();
const pool = new Pool();

async function sql(text: string, params: unknown[] = []) {
  const { rows } = await pool.query(text, params);
  return rows;
}

export async function getProduct(id: string) {
  const cached = await redis.get(\`product:\${id}\`);
  if (cached) return JSON.parse(cached);
  const [product] = await sql("SELECT * FROM products WHERE id = $1", [id]);
  await redis.set(\`product:\${id}\`, JSON.stringify(product), "EX", 300);
  return product;
}
`;

describe('TypeScript: SQL text passed to the project’s own function that runs it', () => {
  it('counts a read and flags a write through a function wrapping pool.query, and fixes it', async () => {
    const source = `${tsProducts}
export async function reprice(id: string, price: number) {
  await sql("UPDATE products SET price = $1 WHERE id = $2", [price, id]);
}
`;
    const { finding, text, after } = await fixed('products.ts', source, 'CL001');
    expect(summary([finding])).toEqual(['CL001 products.ts:21']);
    expect(finding.message).toBe('reprice writes products but never deletes the cache key product:{}; getProduct fills it from products (products.ts:16), so reads serve the old data until its TTL ends.');
    expect(text).toContain('  await sql("UPDATE products SET price = $1 WHERE id = $2", [price, id]);\n  await redis.del(`product:${id}`);\n');
    expect(after).not.toContain('CL001');
  });

  it('flags a method of a repository class that passes a DELETE to its own knex.raw helper', async () => {
    const findings = await analyzeSources({
      'products.ts': tsProducts,
      'repository.ts': `
export class ProductRepository {
  constructor(private readonly knex: Knex) {}

  private run(statement: string, bindings: unknown[]) {
    return this.knex.raw(statement, bindings);
  }

  async remove(id: string) {
    await this.run("DELETE FROM products WHERE id = ?", [id]);
  }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 repository.ts:10']);
    expect(findings[0]!.message).toContain('ProductRepository.remove writes products but never deletes the cache key product:{}');
  });

  it('does not flag a helper write that deletes the key, SQL given to a function that only logs it, or a read', async () => {
    const findings = await analyzeSources({
      'products.ts': `${tsProducts}
function audit(text: string, params: unknown[]) {
  console.log(text, params);
}

export async function reprice(id: string, price: number) {
  await sql("UPDATE products SET price = $1 WHERE id = $2", [price, id]);
  await redis.del(\`product:\${id}\`);
}

export async function discount(id: string) {
  audit("UPDATE products SET price = price * 0.9 WHERE id = $1", [id]);
  return sql("SELECT price FROM products WHERE id = $1", [id]);
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

const goUsers = `package users

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct {
	db  *sql.DB
	rdb *redis.Client
}

func (s *Store) row(ctx context.Context, query string, args ...any) *sql.Row {
	return s.db.QueryRowContext(ctx, query, args...)
}

func (s *Store) run(ctx context.Context, query string, args ...any) error {
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

func (s *Store) Name(ctx context.Context, id int64) (string, error) {
	key := fmt.Sprintf("user:%d", id)
	if name, err := s.rdb.Get(ctx, key).Result(); err == nil {
		return name, nil
	}
	var name string
	if err := s.row(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		return "", err
	}
	s.rdb.Set(ctx, key, name, 5*time.Minute)
	return name, nil
}
`;

describe('Go: SQL text passed to the project’s own function that runs it', () => {
  it('counts a read and flags a write through methods wrapping QueryRowContext and ExecContext, and fixes it', async () => {
    const source = `${goUsers}
func (s *Store) Rename(ctx context.Context, id int64, name string) error {
	if err := s.run(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id); err != nil {
		return err
	}
	return nil
}
`;
    const { finding, text, after } = await fixed('users.go', source, 'CL001');
    expect(summary([finding])).toEqual(['CL001 users.go:40']);
    expect(finding.message).toBe('Store.Rename writes users but never deletes the cache key user:{}; Store.Name fills it from users (users.go:35), so reads serve the old data until its TTL ends.');
    expect(text).toContain('\t}\n\ts.rdb.Del(ctx, fmt.Sprintf("user:%v", id))\n\treturn nil');
    expect(after).not.toContain('CL001');
  });

  it('flags a DELETE passed to a package function that runs it in a transaction', async () => {
    const findings = await analyzeSources({
      'users.go': goUsers,
      'purge.go': `package users

func execTx(ctx context.Context, db *sql.DB, stmt string, args ...any) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func Purge(ctx context.Context, db *sql.DB, id int64) error {
	return execTx(ctx, db, "DELETE FROM users WHERE id = $1", id)
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 purge.go:16']);
    expect(findings[0]!.message).toContain('Purge writes users but never deletes the cache key user:{}');
  });

  it('does not flag a helper write followed by the delete, or SQL given to a function that only formats it', async () => {
    const findings = await analyzeSources({
      'users.go': `${goUsers}
func (s *Store) Rename(ctx context.Context, id int64, name string) error {
	if err := s.run(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id); err != nil {
		return err
	}
	return s.rdb.Del(ctx, fmt.Sprintf("user:%d", id)).Err()
}

func explain(ctx context.Context, query string, args ...any) string {
	return fmt.Sprint(query, args)
}

func (s *Store) Plan(ctx context.Context, id int64) string {
	return explain(ctx, "UPDATE users SET name = $1 WHERE id = $2", "x", id)
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

const javaUsers = `package com.example.users;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

public class UserService {
    private final JdbcTemplate jdbcTemplate;
    private final StringRedisTemplate redisTemplate;

    public String findName(long id) {
        String key = "user:" + id;
        String cached = redisTemplate.opsForValue().get(key);
        if (cached != null) return cached;
        String name = queryOne("SELECT name FROM users WHERE id = ?", id);
        redisTemplate.opsForValue().set(key, name, Duration.ofMinutes(5));
        return name;
    }

    private String queryOne(String sql, Object... args) {
        return jdbcTemplate.queryForObject(sql, String.class, args);
    }

    private int execute(String sql, Object... args) {
        return jdbcTemplate.update(sql, args);
    }
`;

describe('Java: SQL text passed to the project’s own method that runs it', () => {
  it('counts a read and flags a write through methods wrapping JdbcTemplate, and fixes it', async () => {
    const source = `${javaUsers}
    public void rename(long id, String name) {
        execute("UPDATE users SET name = ? WHERE id = ?", name, id);
    }
}
`;
    const { finding, text, after } = await fixed('UserService.java', source, 'CL001');
    expect(summary([finding])).toEqual(['CL001 UserService.java:29']);
    expect(finding.message).toBe('UserService.rename writes users but never deletes the cache key user:{}; UserService.findName fills it from users (UserService.java:16), so reads serve the old data until its TTL ends.');
    expect(text).toContain('        execute("UPDATE users SET name = ? WHERE id = ?", name, id);\n        redisTemplate.delete("user:" + id);\n');
    expect(after).not.toContain('CL001');
  });

  it('flags a DELETE passed to another bean’s method that runs it', async () => {
    const findings = await analyzeSources({
      'UserService.java': `${javaUsers}}
`,
      'UserAdmin.java': `package com.example.users;

public class UserAdmin {
    private final SqlRunner sqlRunner;

    public void purge(long id) {
        sqlRunner.run("DELETE FROM users WHERE id = ?", id);
    }
}
`,
      'SqlRunner.java': `package com.example.users;

public class SqlRunner {
    private final JdbcTemplate jdbc;

    public int run(String statement, Object... args) {
        return jdbc.update(statement, args);
    }
}
`,
    });
    expect(summary(findings)).toEqual(['CL001 UserAdmin.java:7']);
    expect(findings[0]!.message).toContain('UserAdmin.purge writes users but never deletes the cache key user:{}');
  });

  it('does not flag a helper write followed by the delete, or SQL given to a method that only logs it', async () => {
    const findings = await analyzeSources({
      'UserService.java': `${javaUsers}
    public void rename(long id, String name) {
        execute("UPDATE users SET name = ? WHERE id = ?", name, id);
        redisTemplate.delete("user:" + id);
    }

    private void trace(String sql, Object... args) {
        log.debug(sql, args);
    }

    public void preview(long id, String name) {
        trace("UPDATE users SET name = ? WHERE id = ?", name, id);
    }
}
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});
