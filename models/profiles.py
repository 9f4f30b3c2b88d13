"""Writes to a patient's mtd_wechar_user row: follow state from the callback, profile from web authorization."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import now
from models.patients import WeChatUser

# Column sizes of mtd_wechar_user; longer values from WeChat are cut to fit.
NICKNAME_MAX = 100
HEADIMGURL_MAX = 512


def save_profile(session: Session, openid: str, nickname: str, headimgurl: str) -> bool:
    """Store the nickname and avatar URL of openid, creating its row if it has none.

    Returns True when a new row was created. The caller commits.
    """
    user, created = lock_or_create_user(session, openid)

    user.nickname = nickname[:NICKNAME_MAX]
    user.headimgurl = headimgurl[:HEADIMGURL_MAX]
    user.update_time = now()
    session.flush()
    return created


def lock_or_create_user(session: Session, openid: str) -> tuple[WeChatUser, bool]:
    """Return openid's row, locked for this transaction, and whether it was just created."""
    user = _lock_user(session, openid)
    if user is not None:
        return user, False
    return _insert_user(session, openid), True


def _lock_user(session: Session, openid: str) -> WeChatUser | None:
    return session.scalar(select(WeChatUser).where(WeChatUser.openid == openid).with_for_update())


def _insert_user(session: Session, openid: str) -> WeChatUser:
    # Two authorizations of a new patient can race; the loser of the unique
    # openid constraint updates the winner's row instead.
    try:
        with session.begin_nested():
            user = WeChatUser(openid=openid)
            session.add(user)
        return user
    except IntegrityError:
        return _lock_user(session, openid)
