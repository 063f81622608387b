import { describe, expect, it } from 'vitest';
import { sqlColumns } from '../../src/analysis/sql';
import { analyzeSources, summary } from './analyze';

const pyReader = `
import redis
r = redis.Redis()

def get_user_by_email(email):
    cached = r.get(f"user:email:{email}")
    if cached:
        return cached
    row = db.execute("SELECT id, name, email FROM users WHERE email = %s", [email]).fetchone()
    r.set(f"user:email:{email}", row, ex=300)
    return row
`;

const djangoReader = `
from django.core.cache import cache

def get_user_by_email(email):
    user = cache.get(f"user:email:{email}")
    if user is None:
        user = User.objects.get(email=email)
        cache.set(f"user:email:{email}", user, 300)
    return user
`;

describe('CL003 invalidation keyed on the changed field', () => {
  it('flags an UPDATE of the lookup column that deletes the key of the new value, linking the fill and the write', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
from reader import r

def update_email(user_id, new_email):
    db.execute("UPDATE users SET email = %s WHERE id = %s", [new_email, user_id])
    r.delete(f"user:email:{new_email}")
`,
    });
    expect(summary(findings)).toEqual(['CL003 writer.py:6']);
    const [finding] = findings;
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toBe('update_email changes email and deletes user:email:{} for the new email (new_email), but get_user_by_email caches users under user:email:{} by email (reader.py:10): the key of the old email is never deleted and keeps serving the old row until its TTL ends. Read the old email before the write and delete its key too.');
    // On the deleted key.
    expect(finding!.range).toMatchObject({ startLine: 5, startColumn: 13, endLine: 5, endColumn: 38 });
    expect(finding!.related.map((r) => [r.path, r.range.startLine, r.message])).toEqual([
      ['reader.py', 9, 'get_user_by_email caches users by email here'],
      ['writer.py', 4, 'email changes here'],
    ]);
    expect(finding!.fixes).toEqual([]);
  });

  it("flags Django's form: the field assigned, the instance saved, and the key built from the saved field", async () => {
    const findings = await analyzeSources({
      'accounts.py': `${djangoReader}
def change_email(user, new_email):
    user.email = new_email
    user.save()
    cache.delete(f"user:email:{user.email}")
`,
    });
    expect(summary(findings)).toEqual(['CL003 accounts.py:14']);
    expect(findings[0]!.message).toContain('change_email changes email and deletes user:email:{} for the new email (user.email), but get_user_by_email caches user under user:email:{} by email (accounts.py:8)');
    expect(findings[0]!.related[1]!.range.startLine).toBe(12);
  });

  it('flags pg and Prisma writers, and database/sql', async () => {
    const findings = await analyzeSources({
      'users.ts': `
import Redis from "ioredis";
const redis = new Redis();
export async function getUserByEmail(email: string) {
  const hit = await redis.get(\`user:email:\${email}\`);
  if (hit) return JSON.parse(hit);
  const { rows } = await db.query("SELECT * FROM users WHERE email = $1", [email]);
  await redis.set(\`user:email:\${email}\`, JSON.stringify(rows[0]), "EX", 300);
  return rows[0];
}
export async function changeEmail(id: number, newEmail: string) {
  await db.query("UPDATE users SET email = $1 WHERE id = $2", [newEmail, id]);
  await redis.del(\`user:email:\${newEmail}\`);
}
`,
      'accounts.ts': `
import Redis from "ioredis";
const redis = new Redis();
export async function accountByHandle(handle: string) {
  const hit = await redis.get(\`account:handle:\${handle}\`);
  if (hit) return JSON.parse(hit);
  const account = await prisma.account.findUnique({ where: { handle } });
  await redis.set(\`account:handle:\${handle}\`, JSON.stringify(account), "EX", 300);
  return account;
}
export async function rename(id: number, newHandle: string) {
  await prisma.account.update({ where: { id }, data: { handle: newHandle } });
  await redis.del(\`account:handle:\${newHandle}\`);
}
`,
    });
    expect(summary(findings)).toEqual(['CL003 users.ts:13', 'CL003 accounts.ts:13']);
    expect(findings[0]!.message).toContain('changeEmail changes email and deletes user:email:{} for the new email (newEmail), but getUserByEmail caches users under user:email:{} by email (users.ts:8)');
    expect(findings[1]!.message).toContain('rename changes handle and deletes account:handle:{} for the new handle (newHandle), but accountByHandle caches account under account:handle:{} by handle (accounts.ts:8)');
    const go = await analyzeSources({
      'users.go': `
package users

type Store struct {
	db  *sql.DB
	rdb *redis.Client
}

func (s *Store) ByEmail(ctx context.Context, email string) (string, error) {
	key := fmt.Sprintf("user:email:%s", email)
	if v, err := s.rdb.Get(ctx, key).Result(); err == nil {
		return v, nil
	}
	var name string
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE email = $1", email).Scan(&name); err != nil {
		return "", err
	}
	s.rdb.Set(ctx, key, name, time.Minute)
	return name, nil
}

func (s *Store) ChangeEmail(ctx context.Context, id int64, newEmail string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET email = $1 WHERE id = $2", newEmail, id); err != nil {
		return err
	}
	return s.rdb.Del(ctx, fmt.Sprintf("user:email:%s", newEmail)).Err()
}
`,
    });
    expect(summary(go)).toEqual(['CL003 users.go:26']);
    expect(go[0]!.message).toContain('Store.ChangeEmail changes email and deletes user:email:{} for the new email (newEmail), but Store.ByEmail caches users under user:email:{} by email (users.go:18)');
  });

  it('does not flag a writer that deletes the old key too, or a key it cannot read, or leaves it to a helper, or changes another column', async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'writer.py': `
from reader import r

def update_email(user_id, new_email):
    old_email = db.execute("SELECT email FROM users WHERE id = %s", [user_id]).fetchone()[0]
    db.execute("UPDATE users SET email = %s WHERE id = %s", [new_email, user_id])
    r.delete(f"user:email:{old_email}", f"user:email:{new_email}")

def change_email(user_id, new_email):
    db.execute("UPDATE users SET email = %s WHERE id = %s", [new_email, user_id])
    r.delete(f"user:email:{new_email}")
    forget_old_email(user_id)

def forget_old_email(user_id):
    r.delete(f"user:email:{previous_email(user_id)}")

def replace_email(user_id, new_email):
    stale = email_key(user_id)
    db.execute("UPDATE users SET email = %s WHERE id = %s", [new_email, user_id])
    r.delete(stale, f"user:email:{new_email}")

def rename(email, name):
    db.execute("UPDATE users SET name = %s WHERE email = %s", [name, email])
    r.delete(f"user:email:{email}")
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it("does not flag a saved instance's key built before the assignment, or a value the SQL transforms", async () => {
    const findings = await analyzeSources({
      'reader.py': pyReader,
      'accounts.py': `${djangoReader}
def change_email(user, new_email):
    old_key = f"user:email:{user.email}"
    user.email = new_email
    user.save()
    cache.delete(old_key)
`,
      'writer.py': `
from reader import r

def normalise_email(user_id, new_email):
    db.execute("UPDATE users SET email = lower(%s) WHERE id = %s", [new_email, user_id])
    r.delete(f"user:email:{new_email}")
`,
    });
    expect(summary(findings)).toEqual([]);
  });
});

describe('the SQL columns CL003 reads', () => {
  it('binds SET and WHERE columns to their placeholders, numbered or in order', () => {
    expect(sqlColumns('UPDATE users u SET email = %s, name = lower(%s), seen = now() WHERE u.id = %s AND "tenant" = %s', 'update')).toEqual({
      assigns: [{ column: 'email', argument: 0 }, { column: 'name', argument: null }, { column: 'seen', argument: null }],
      filters: [{ column: 'id', argument: 2 }, { column: 'tenant', argument: 3 }],
    });
    expect(sqlColumns('UPDATE users SET email = $2 WHERE id = $1 RETURNING email', 'update')).toEqual({ assigns: [{ column: 'email', argument: 1 }], filters: [{ column: 'id', argument: 0 }] });
  });

  it('leaves out an OR, comparisons other than equality, and what is inside parentheses or strings', () => {
    expect(sqlColumns('SELECT * FROM users WHERE email = ? OR name = ?', 'select').filters).toEqual([]);
    expect(sqlColumns("SELECT * FROM users WHERE note = 'a = ?' AND age >= ? AND (id = ?) AND email = ?", 'select').filters).toEqual([{ column: 'note', argument: null }, { column: 'email', argument: 2 }]);
    expect(sqlColumns('INSERT INTO users (email) VALUES ($1) ON CONFLICT (id) DO UPDATE SET email = $1', 'insert').assigns).toEqual([]);
  });
});
