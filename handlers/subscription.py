"""Follow and unfollow events: keep the patient's mtd_wechar_user row current."""

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.logs import mask_openid
from bot.router import Answer, Inbound
from bot.texts import render_text
from handlers.registry import router
from models import WeChatUser

log = logging.getLogger(__name__)


@router.event("subscribe", "subscribe_scan")
def welcome(inbound: Inbound) -> Answer:
    user = _get_or_create_user(inbound.db, inbound.openid)
    user.subscribe = 1
    user.subscribe_time = inbound.message.time

    log.info("subscription: followed user=%s", mask_openid(inbound.openid))
    return Answer(text=render_text("welcome", links=inbound.links), view="welcome")


@router.event("unsubscribe")
def mark_unsubscribed(inbound: Inbound) -> Answer:
    user = _get_or_create_user(inbound.db, inbound.openid)
    user.subscribe = 0
    user.unsubscribe_time = inbound.message.time

    log.info("subscription: unfollowed user=%s", mask_openid(inbound.openid))
    return Answer(text=None)


def _get_or_create_user(session: Session, openid: str) -> WeChatUser:
    user = session.scalars(select(WeChatUser).where(WeChatUser.openid == openid)).first()
    if user is not None:
        return user

    # Another process may insert the same openid at the same moment; the
    # savepoint lets us fall back to its row instead of failing the whole reply.
    try:
        with session.begin_nested():
            user = WeChatUser(openid=openid)
            session.add(user)
        return user
    except IntegrityError:
        return session.scalars(select(WeChatUser).where(WeChatUser.openid == openid)).one()
