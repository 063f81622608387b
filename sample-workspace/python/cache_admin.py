"""Admin views for the user cache: urls.py maps them to URLs."""
import redis
from django.conf import settings
from django.http import HttpResponse

r = redis.Redis.from_url(settings.REDIS_URL)


def reset_user_cache(request):
    # BUG: a view (urls.py maps it) that runs FLUSHDB: every feature's keys are gone at once, for
    # any request that reaches it, and the database takes the full load.
    r.flushdb()
    return HttpResponse(status=204)


def forget_user(request, user_id: int):
    # Correct: deletes only the key this view owns.
    r.delete(f"user:{user_id}")
    return HttpResponse(status=204)
