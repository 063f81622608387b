"""Billing: account subscriptions in the billing database (SQLAlchemy 2.0 ORM), cached in Redis."""
import json

import redis
from django.conf import settings
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from billing_models import Subscription

r = redis.Redis.from_url(settings.REDIS_URL)

SUBSCRIPTION_TTL_SECONDS = 300


def subscription_key(account_id: int) -> str:
    return f"subscription:{account_id}"


def get_subscription(session: Session, account_id: int) -> dict:
    cached = r.get(subscription_key(account_id))
    if cached is not None:
        return json.loads(cached)
    subscription = session.scalars(select(Subscription).where(Subscription.account_id == account_id)).one()
    data = {"plan": subscription.plan, "status": subscription.status}
    r.set(subscription_key(account_id), json.dumps(data), ex=SUBSCRIPTION_TTL_SECONDS)
    return data


@event.listens_for(Subscription, "after_update")
def forget_subscription(mapper, connection, target: Subscription) -> None:
    # Correct: SQLAlchemy runs this when a session flushes a changed Subscription, so every save
    # of an instance drops its cached copy.
    r.delete(subscription_key(target.account_id))


def change_plan(session: Session, account_id: int, plan: str) -> None:
    subscription = session.scalars(select(Subscription).where(Subscription.account_id == account_id)).one()
    subscription.plan = plan
    # Correct: the commit flushes the changed instance, which runs forget_subscription.
    session.commit()


def suspend_account(session: Session, account_id: int) -> None:
    # BUG: a bulk UPDATE statement runs no mapper event, so forget_subscription never sees it and
    # the cached subscription keeps saying "active" until its TTL ends.
    session.execute(update(Subscription).where(Subscription.account_id == account_id).values(status="suspended"))
    session.commit()
