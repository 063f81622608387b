"""User service: reads and writes the users table, with Redis as a cache-aside cache."""
import json

import redis
from django.conf import settings
from django.db import connection, transaction

r = redis.Redis.from_url(settings.REDIS_URL)

USER_TTL_SECONDS = 300


def get_user(user_id: int) -> dict | None:
    # Correct cache-aside read: serve from the cache, otherwise load from the database and fill
    # the cache with a TTL, so an entry that a write forgets to invalidate still heals itself.
    cached = r.get(f"user:{user_id}")
    if cached is not None:
        return json.loads(cached)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name, email FROM users WHERE id = %s", [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user = {"id": row[0], "name": row[1], "email": row[2]}
    r.set(f"user:{user_id}", json.dumps(user), ex=USER_TTL_SECONDS)
    return user


def update_email(user_id: int, email: str) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE users SET email = %s WHERE id = %s", [email, user_id])
    # Correct: deletes user:{id} after the commit, so the next get_user reloads the new email.
    r.delete(f"user:{user_id}")


def rename_user(user_id: int, name: str) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE users SET name = %s WHERE id = %s", [name, user_id])
    # BUG: writes users without deleting user:{id}; get_user serves the old name for up to
    # USER_TTL_SECONDS after the rename.


def deactivate_user(user_id: int) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE users SET active = FALSE WHERE id = %s", [user_id])
            cursor.execute("DELETE FROM sessions WHERE user_id = %s", [user_id])
    # Correct: invalidates both keys derived from the rows this transaction changed.
    r.delete(f"user:{user_id}", f"sessions:{user_id}")
