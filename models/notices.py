"""The template notice send log: one row per business event, so that no event is sent twice."""

from __future__ import annotations

import enum

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import MYSQL_TABLE_ARGS, Base, Id, UnixTime, exact_string, now


class NoticeStatus(enum.StrEnum):
    """Send state of a notice: waiting, in flight, accepted by WeChat, then WeChat's delivery report."""

    QUEUED = "queued"
    SENDING = "sending"
    # WeChat was busy or unreachable; the notice is sent again later.
    RETRY = "retry"
    SENT = "sent"
    FAILED = "failed"
    # From the TEMPLATESENDJOBFINISH event.
    DELIVERED = "delivered"
    USER_BLOCKED = "user_blocked"
    SYSTEM_FAILED = "system_failed"


# Statuses after which the notice is never sent again.
FINAL_STATUSES = (
    NoticeStatus.SENT,
    NoticeStatus.FAILED,
    NoticeStatus.DELIVERED,
    NoticeStatus.USER_BLOCKED,
    NoticeStatus.SYSTEM_FAILED,
)
# Statuses meaning WeChat accepted the message.
ACCEPTED_STATUSES = (NoticeStatus.SENT, NoticeStatus.DELIVERED, NoticeStatus.USER_BLOCKED, NoticeStatus.SYSTEM_FAILED)


class NoticeLog(Base):
    """One template notice, keyed by its business event: kind + business id + event version.

    The event version tells two events about the same row apart: the
    appointment's update_time, the review request's audit_time, the reminder's
    date. WeChat gets client_msg_id, derived from the same key, so a repeated
    send of one event is dropped by WeChat too.
    """

    __tablename__ = "notice_send_log"
    __table_args__ = (
        UniqueConstraint("kind", "business_id", "event_version", name="uq_notice_send_log_event"),
        Index("ix_notice_send_log_status_update_time", "status", "update_time"),
        MYSQL_TABLE_ARGS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(exact_string(16))
    business_id: Mapped[int] = mapped_column(BigInteger)
    event_version: Mapped[str] = mapped_column(exact_string(64))
    openid: Mapped[str] = mapped_column(exact_string(64))
    template_id: Mapped[str] = mapped_column(String(64))
    client_msg_id: Mapped[str] = mapped_column(exact_string(64))
    # The template message body (url and data) as JSON, so a retry sends exactly what was built.
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=NoticeStatus.QUEUED)
    msgid: Mapped[int | None] = mapped_column(BigInteger, index=True)
    errcode: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[int] = mapped_column(UnixTime, default=0)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
    update_time: Mapped[int] = mapped_column(UnixTime, default=now, onupdate=now)
