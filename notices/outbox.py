"""Record a notice in the send log once per business event, with the exact message to send."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.logs import mask_openid
from bot.settings_notices import NoticeSettings
from models.notices import NoticeLog, NoticeStatus
from notices.fields import fit_value
from notices.kinds import Notice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recorded:
    """The send-log row of a notice: new, or the one an earlier trigger of the same event made."""

    log_id: int
    created: bool
    status: str
    errcode: int | None


def client_msg_id(kind: str, business_id: int, event_version: str) -> str:
    """Return the client_msg_id WeChat uses to drop a repeated send of one event."""
    digest = hashlib.sha256(f"{kind}:{business_id}:{event_version}".encode()).hexdigest()
    return f"n{digest[:32]}"


def render_message(notice: Notice, settings: NoticeSettings) -> dict:
    """Return the template message body for notice: template id, link and fitted values.

    No first/remark lines and no colours: WeChat stopped showing them on 2023-05-04.
    """
    data = {}
    for name, keyword in settings.field_map(notice.template_kind).items():
        data[keyword] = {"value": fit_value(keyword, notice.values.get(name, ""))}
    return {"template_id": settings.template_id(notice.template_kind), "url": notice.url, "data": data}


def record(session: Session, notice: Notice, settings: NoticeSettings) -> Recorded:
    """Insert the notice's send-log row, or return the row an earlier trigger of the same event made."""
    message = render_message(notice, settings)
    row = NoticeLog(
        kind=notice.kind,
        business_id=notice.business_id,
        event_version=notice.event_version,
        openid=notice.openid,
        template_id=message["template_id"],
        client_msg_id=client_msg_id(notice.kind, notice.business_id, notice.event_version),
        payload=json.dumps(message, ensure_ascii=False),
        status=NoticeStatus.QUEUED,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return _existing(session, notice)

    log.info("outbox: queued kind=%s business_id=%s log_id=%s user=%s", notice.kind, notice.business_id, row.id, mask_openid(notice.openid))
    return Recorded(log_id=row.id, created=True, status=row.status, errcode=None)


def _existing(session: Session, notice: Notice) -> Recorded:
    # A locking read sees the row another transaction just committed, which a
    # plain read under MySQL's REPEATABLE READ snapshot would not.
    statement = (
        select(NoticeLog.id, NoticeLog.status, NoticeLog.errcode)
        .where(
            NoticeLog.kind == notice.kind,
            NoticeLog.business_id == notice.business_id,
            NoticeLog.event_version == notice.event_version,
        )
        .with_for_update(read=True)
    )
    row = session.execute(statement).one()
    return Recorded(log_id=row.id, created=False, status=row.status, errcode=row.errcode)
