import { describe, expect, it } from 'vitest';
import { analyzeSources, summary } from './analyze';

/** Cache-aside reads of User, each through one of SQLAlchemy's read forms and under its own key. */
const readers = `
import redis
from sqlalchemy import select
from sqlalchemy.orm import Session
from app import db

r = redis.Redis()

def user_by_id(session: Session, user_id):
    cached = r.get(f"user:{user_id}")
    if cached is None:
        cached = session.get(User, user_id).to_json()
        r.set(f"user:{user_id}", cached, ex=300)
    return cached

def user_by_email(email):
    cached = r.get(f"user:email:{email}")
    if cached is None:
        with Session(engine) as s:
            cached = s.query(User).filter_by(email=email).first().to_json()
        r.set(f"user:email:{email}", cached, ex=300)
    return cached

async def user_by_name(session, name):
    cached = await r.get(f"user:name:{name}")
    if cached is None:
        user = (await session.execute(select(User).where(User.name == name))).scalar_one()
        cached = user.to_json()
        await r.set(f"user:name:{name}", cached, ex=300)
    return cached

def user_by_handle(handle):
    cached = r.get(f"user:handle:{handle}")
    if cached is None:
        cached = User.query.filter_by(handle=handle).first().to_json()
        r.set(f"user:handle:{handle}", cached, ex=300)
    return cached

def team_members(team_id):
    cached = r.get(f"team:{team_id}:members")
    if cached is None:
        stmt = select(User).where(User.team_id == team_id)
        cached = [u.to_json() for u in db.session.scalars(stmt)]
        r.set(f"team:{team_id}:members", cached, ex=300)
    return cached
`;

/** Only the first: one key of User, so that each write is reported once. */
const userById = readers.replace(/\ndef user_by_email[\s\S]*/, '\n');

const keys = (findings: readonly { message: string }[]): string[] => findings.map((f) => /the cache key (\S+);/.exec(f.message)?.[1] ?? f.message);

describe('SQLAlchemy reads and writes', () => {
  it('counts each read form as a fill of its model, and flags a bulk update of it once per cached key', async () => {
    const findings = await analyzeSources({
      'readers.py': readers,
      'admin.py': `
def deactivate_team(session, team_id):
    session.query(User).filter(User.team_id == team_id).update({User.active: False})
`,
    });
    expect(summary(findings)).toEqual(Array(5).fill('CL001 admin.py:3'));
    expect(keys(findings)).toEqual(['user:{}', 'user:email:{}', 'user:name:{}', 'user:handle:{}', 'team:{}:members']);
    expect(findings[0]!.message).toBe('deactivate_team writes User but never deletes the cache key user:{}; user_by_id fills it from User (readers.py:13), so reads serve the old data until its TTL ends.');
    expect(findings[4]!.fixes[0]!.edits[0]!.newText).toBe('\n    r.delete(f"team:{team_id}:members")');
  });

  it('flags every write form that leaves the key stale, and none that deletes it or only inserts', async () => {
    const findings = await analyzeSources({
      'readers.py': userById,
      'writers.py': `
from sqlalchemy import delete, update

def purge(session, user_id):
    session.query(User).filter_by(id=user_id).delete()

def rename(session, user_id, name):
    session.execute(update(User).where(User.id == user_id).values(name=name))

async def remove(session, user_id):
    await session.execute(delete(User).where(User.id == user_id))

def rename_flask(user_id, name):
    User.query.filter_by(id=user_id).update({"name": name})

def change_email(session, user_id, email):
    user = session.get(User, user_id)
    user.email = email
    session.add(user)
    session.commit()

def rename_on_commit(user_id, name):
    with Session(engine) as s:
        user = s.query(User).filter_by(id=user_id).one()
        user.name = name
        s.commit()

def forget(user_id):
    user = db.session.get(User, user_id)
    db.session.delete(user)
    db.session.commit()

def rename_and_forget(session, user_id, name):
    session.execute(update(User).where(User.id == user_id).values(name=name))
    r.delete(f"user:{user_id}")

def sign_up(session, name):
    session.add(User(name=name))
    session.commit()
`,
    });
    // The last two functions are correct.
    expect(summary(findings)).toEqual([5, 8, 11, 14, 19, 26, 30].map((line) => `CL001 writers.py:${line}`));
    expect(findings[4]!.message).toBe('change_email writes User but never deletes the cache key user:{}; user_by_id fills it from User (readers.py:13), so reads serve the old data until its TTL ends.');
    // The flush of a changed instance is the write, at the commit.
    expect(findings[5]!.message).toContain('rename_on_commit writes User');
    expect(findings[5]!.fixes[0]!.edits[0]!.newText).toBe('\n    r.delete(f"user:{user_id}")');
  });

  it('takes an HTTP session, a set or an object of unknown model for no database operation', async () => {
    const findings = await analyzeSources({
      'readers.py': readers,
      'client.py': `
import requests

API_URL = "https://api.example.com/users"

def sync(session, user_id, item):
    session.get(API_URL)
    http = requests.Session()
    http.delete(f"{API_URL}/{user_id}")
    seen = set()
    seen.add(user_id)
    session.delete(item)
    session.merge(item)

def logout(request, user_id):
    user = request.session.get(User, user_id)
    user.active = False
    request.session.flush()
`,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('binds the columns a filter compares and an instance save assigns, for CL003', async () => {
    const findings = await analyzeSources({
      'readers.py': readers,
      'accounts.py': `
async def change_email(session: AsyncSession, user_id, new_email):
    user = await session.get(User, user_id)
    user.email = new_email
    await session.commit()
    await r.delete(f"user:{user_id}", f"user:email:{new_email}", f"user:name:{user.name}", f"user:handle:{user.handle}", f"team:{user.team_id}:members")
`,
    });
    expect(summary(findings)).toEqual(['CL003 accounts.py:6']);
    expect(findings[0]!.message).toContain('change_email changes email and deletes user:email:{} for the new email (new_email), but user_by_email caches User under user:email:{} by email (readers.py:21)');
  });
});

describe('SQLAlchemy mapper events', () => {
  const listeners = `
from sqlalchemy import event

@event.listens_for(User, "after_update")
def forget_updated(mapper, connection, target):
    r.delete(f"user:{target.id}")

def forget_deleted(mapper, connection, target):
    r.delete(f"user:{target.id}")

event.listen(User, "after_delete", forget_deleted)
`;
  const writers = `
from sqlalchemy import update

def rename(session, user_id, name):
    user = session.get(User, user_id)
    user.name = name
    session.commit()

def remove(session, user_id):
    session.delete(session.get(User, user_id))

def forget(session, user_id):
    user = session.get(User, user_id)
    session.delete(user)

def rename_all(session, team_id, name):
    session.query(User).filter_by(team_id=team_id).update({"name": name})

def rename_one(session, user_id, name):
    session.execute(update(User).where(User.id == user_id).values(name=name))
`;

  it("count for an instance's flush, but not for a bulk update, which runs no mapper event", async () => {
    const findings = await analyzeSources({ 'readers.py': userById, 'listeners.py': listeners, 'writers.py': writers });
    expect(summary(findings)).toEqual(['CL001 writers.py:17', 'CL001 writers.py:20']);
  });

  it('count only for the writes of their kind: after_update does not run on a delete, after_insert on neither', async () => {
    const findings = await analyzeSources({
      'readers.py': userById,
      'listeners.py': `
from sqlalchemy import event

@event.listens_for(User, "after_update")
@event.listens_for(User, "after_insert")
def forget(mapper, connection, target):
    r.delete(f"user:{target.id}")

@event.listens_for(User.email, "set")
def on_email(target, value, oldvalue, initiator):
    r.delete(f"user:{target.id}")
`,
      'writers.py': writers,
    });
    expect(summary(findings)).toEqual(['CL001 writers.py:10', 'CL001 writers.py:14', 'CL001 writers.py:17', 'CL001 writers.py:20']);
  });

  it("make a Django receiver count only for its own signal's writes", async () => {
    const findings = await analyzeSources({
      'reader.py': `
from django.core.cache import cache

def get_user(user_id):
    user = cache.get(f"user:{user_id}")
    if user is None:
        user = User.objects.get(id=user_id)
        cache.set(f"user:{user_id}", user, 300)
    return user
`,
      'signals.py': `
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

@receiver(post_save, sender=User)
def forget_user(sender, instance, **kwargs):
    cache.delete(f"user:{instance.id}")
`,
      'writer.py': `
def rename(user_id, name):
    user = User.objects.get(id=user_id)
    user.name = name
    user.save()

def remove(user_id):
    User.objects.filter(id=user_id).delete()
`,
    });
    expect(summary(findings)).toEqual(['CL001 writer.py:8']);
  });
});
