"""Background jobs of the user service: settings lookups, scheduled reports and cache warm-up."""
import random
import uuid

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

r = redis.Redis.from_url(settings.REDIS_URL)

WARM_TTL_SECONDS = 3600
# Releases the lock only if it still holds our token, in one atomic step.
release_lock = r.register_script(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)


def _fetch_all(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def feature_flags() -> dict:
    flags = cache.get("feature_flags")
    if flags is None:
        flags = dict(_fetch_all("SELECT name, enabled FROM feature_flags"))
        # BUG: timeout=None stores the flags with no TTL; a flag changed in the database is
        # never seen until someone deletes the key by hand.
        cache.set("feature_flags", flags, timeout=None)
    return flags


def plan_limits() -> dict:
    limits = cache.get("plan_limits")
    if limits is None:
        # BUG: every request reads this one key, so when it expires, every request that arrives
        # before the refill misses and runs this query at once (a stampede); nothing lets one refill it.
        limits = dict(_fetch_all("SELECT plan, max_seats FROM plans"))
        # Correct: a ten-minute timeout bounds how long an edited plan can stay stale.
        cache.set("plan_limits", limits, timeout=600)
    return limits


def run_nightly_report() -> None:
    # BUG: SET NX with no expiry; if this worker dies before the finally block, the lock is
    # held forever and the report never runs again.
    if not r.set("lock:nightly-report", "held", nx=True):
        return
    try:
        _fetch_all("SELECT COUNT(*) FROM users WHERE created_at > now() - interval '1 day'")
    finally:
        r.delete("lock:nightly-report")


def run_invoice_export() -> None:
    token = uuid.uuid4().hex
    # Correct: ex=600 frees the lock if the worker dies, and the token check on release stops
    # us deleting a lock that expired and was then taken by another worker.
    if not r.set("lock:invoice-export", token, nx=True, ex=600):
        return
    try:
        _fetch_all("SELECT id, total_cents FROM invoices WHERE exported = FALSE")
    finally:
        release_lock(keys=["lock:invoice-export"], args=[token])


def warm_team_cache() -> None:
    with r.pipeline() as pipe:
        for team_id, name in _fetch_all("SELECT id, name FROM teams"):
            # BUG: every key gets the same fixed TTL, so all of them expire in the same second
            # an hour from now and the misses hit the database together (a stampede).
            pipe.set(f"team:{team_id}", name, ex=WARM_TTL_SECONDS)
        pipe.execute()


def warm_project_cache() -> None:
    with r.pipeline() as pipe:
        for project_id, name in _fetch_all("SELECT id, name FROM projects"):
            # Correct: up to 10% random jitter spreads the expiries over six minutes.
            ttl = WARM_TTL_SECONDS + random.randint(0, WARM_TTL_SECONDS // 10)
            pipe.set(f"project:{project_id}", name, ex=ttl)
        pipe.execute()


def _execute(sql: str, params: list | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def apply_scheduled_plan_changes() -> None:
    # BUG: the new seat limits are written through _execute, but plan_limits is never deleted,
    # so requests keep enforcing the old limits until the cached copy expires.
    _execute("UPDATE plans SET max_seats = next_max_seats, next_max_seats = NULL WHERE next_max_seats IS NOT NULL")


def set_feature_flag(name: str, enabled: bool) -> None:
    _execute("UPDATE feature_flags SET enabled = %s WHERE name = %s", [enabled, name])
    # Correct: deleted after the write, so the next read loads the new flags.
    cache.delete("feature_flags")
