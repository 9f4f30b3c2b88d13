"""Follow and unfollow events: keep the patient's mtd_wechar_user row current."""

import logging

from bot.logs import mask_openid
from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers.registry import router
from models.profiles import lock_or_create_user

log = logging.getLogger(__name__)


@router.event("subscribe", "subscribe_scan")
def welcome(inbound: Inbound) -> Answer:
    user = lock_or_create_user(inbound.db, inbound.openid)[0]
    user.subscribe = 1
    user.subscribe_time = inbound.message.time

    log.info("subscription: followed user=%s", mask_openid(inbound.openid))
    return Answer(text=render_text("welcome", links=inbound.links), view="welcome")


@router.event("unsubscribe")
def mark_unsubscribed(inbound: Inbound) -> Answer:
    user = lock_or_create_user(inbound.db, inbound.openid)[0]
    user.subscribe = 0
    user.unsubscribe_time = inbound.message.time

    log.info("subscription: unfollowed user=%s", mask_openid(inbound.openid))
    return Answer(text=None)
