"""Send one logged notice to WeChat: claim its row, call the API, record the outcome.

The claim is a conditional UPDATE that only one process can win, committed
before the API call, so concurrent workers never send one row twice. A row
left "sending" by a worker that died is claimed again after
notices.sending_lease_seconds and sent with the same client_msg_id, which
WeChat drops if the first send got through.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from wechatpy.exceptions import WeChatClientException

from bot.db import transaction
from bot.logs import mask_openid
from bot.services import Services
from bot.wechat_api import ApiNetworkError, TokenUnavailable, errors
from models.base import now
from models.notices import NoticeLog, NoticeStatus

log = logging.getLogger(__name__)

# Codes after which sending again later may succeed; any other code is final.
RETRYABLE_CODES = errors.BUSY | errors.TOKEN_REJECTED


@dataclass(frozen=True)
class Delivery:
    """Outcome of one notice; `fresh` is False when an earlier run had settled it."""

    log_id: int
    status: str
    errcode: int | None = None
    msgid: int | None = None
    fresh: bool = True

    @property
    def retry_later(self) -> bool:
        return self.status == NoticeStatus.RETRY


@dataclass(frozen=True)
class _Claim:
    openid: str
    client_msg_id: str
    payload: str
    attempt: int


def deliver(services: Services, log_id: int) -> Delivery:
    """Send the notice in send-log row log_id unless it is sent, failed for good, or being sent."""
    claim = _claim(services, log_id)
    if claim is None:
        return _settled(services, log_id)

    message = {**json.loads(claim.payload), "touser": claim.openid, "client_msg_id": claim.client_msg_id}
    try:
        result = services.api.post("message/template/send", data=message)
    except WeChatClientException as error:
        return _record_refusal(services, log_id, claim, error.errcode)
    except (ApiNetworkError, TokenUnavailable) as error:
        log.warning("delivery: WeChat unreachable log_id=%s error=%s, will retry", log_id, error)
        return _record(services, log_id, claim, NoticeStatus.RETRY, errcode=None)

    if not isinstance(result, dict):
        # wechatpy returns the raw response when the body is not JSON (a proxy's
        # error page, say). The retry carries the same client_msg_id, so WeChat
        # drops it if this send did go through.
        log.warning("delivery: WeChat returned a non-JSON body log_id=%s, will retry", log_id)
        return _record(services, log_id, claim, NoticeStatus.RETRY, errcode=None)

    msgid = int(result.get("msgid") or 0) or None
    log.info("delivery: sent log_id=%s msgid=%s user=%s", log_id, msgid, mask_openid(claim.openid))
    return _record(services, log_id, claim, NoticeStatus.SENT, errcode=0, msgid=msgid)


def _claim(services: Services, log_id: int) -> _Claim | None:
    """Mark the row "sending" if it is waiting or its sender's lease ran out; None when another owns it."""
    current = now()
    lease_start = current - services.settings.notices.sending_lease_seconds
    waiting = or_(
        NoticeLog.status.in_([NoticeStatus.QUEUED, NoticeStatus.RETRY]),
        and_(NoticeLog.status == NoticeStatus.SENDING, NoticeLog.claimed_at < lease_start),
    )
    with transaction(services.sessions) as session:
        result = session.execute(
            update(NoticeLog)
            .where(NoticeLog.id == log_id, waiting)
            .values(status=NoticeStatus.SENDING, claimed_at=current, attempts=NoticeLog.attempts + 1, update_time=current)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            return None
        row = session.execute(
            select(NoticeLog.openid, NoticeLog.client_msg_id, NoticeLog.payload, NoticeLog.attempts).where(NoticeLog.id == log_id)
        ).one()
    return _Claim(openid=row.openid, client_msg_id=row.client_msg_id, payload=row.payload, attempt=row.attempts)


def _record_refusal(services: Services, log_id: int, claim: _Claim, errcode: int | None) -> Delivery:
    if errcode in RETRYABLE_CODES:
        log.warning("delivery: WeChat busy log_id=%s errcode=%s, will retry", log_id, errcode)
        return _record(services, log_id, claim, NoticeStatus.RETRY, errcode=errcode)

    # 43004 (not following), 40003 (bad openid), 40037 (bad template) and the
    # rest will not change by sending again.
    log.warning("delivery: WeChat rejected log_id=%s errcode=%s user=%s", log_id, errcode, mask_openid(claim.openid))
    return _record(services, log_id, claim, NoticeStatus.FAILED, errcode=errcode)


def _record(services: Services, log_id: int, claim: _Claim, status: str, errcode: int | None, msgid: int | None = None) -> Delivery:
    """Store the outcome unless a later claim took the row over (its attempt number moved on)."""
    with transaction(services.sessions) as session:
        result = session.execute(
            update(NoticeLog)
            .where(NoticeLog.id == log_id, NoticeLog.status == NoticeStatus.SENDING, NoticeLog.attempts == claim.attempt)
            .values(status=status, errcode=errcode, msgid=msgid, update_time=now())
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:
        log.warning("delivery: outcome not stored, row was claimed again log_id=%s status=%s", log_id, status)
    return Delivery(log_id=log_id, status=status, errcode=errcode, msgid=msgid)


def _settled(services: Services, log_id: int) -> Delivery:
    with transaction(services.sessions) as session:
        row = session.execute(select(NoticeLog.status, NoticeLog.errcode, NoticeLog.msgid).where(NoticeLog.id == log_id)).first()
    if row is None:
        raise LookupError(f"notice send-log row {log_id} not found")
    return Delivery(log_id=log_id, status=row.status, errcode=row.errcode, msgid=row.msgid, fresh=False)
