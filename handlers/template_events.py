"""TEMPLATESENDJOBFINISH: WeChat's report on whether a template message reached the patient.

https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
The event carries the msgid that the send call returned and a Status of
"success", "failed:user block" (the patient turned the notices off) or
"failed: system failed". The send-log row with that msgid and openid records
it; the reply is the literal `success`.
"""

import logging

from sqlalchemy import update

from bot.logs import mask_openid
from bot.router import Answer, Inbound
from handlers.registry import router
from models.base import now
from models.notices import ACCEPTED_STATUSES, NoticeLog, NoticeStatus

log = logging.getLogger(__name__)

# WeChat's Status values with spaces removed, since it writes "failed: system failed" with one.
DELIVERY_STATUSES = {
    "success": NoticeStatus.DELIVERED,
    "failed:userblock": NoticeStatus.USER_BLOCKED,
    "failed:systemfailed": NoticeStatus.SYSTEM_FAILED,
}


@router.event("templatesendjobfinish")
def record_delivery_report(inbound: Inbound) -> Answer:
    msgid = inbound.message.id
    reported = (inbound.message.status or "").replace(" ", "").lower()
    status = DELIVERY_STATUSES.get(reported)
    if status is None:
        log.warning("delivery report: unknown status %r msgid=%s user=%s", inbound.message.status, msgid, mask_openid(inbound.openid))
        return Answer(text=None)

    result = inbound.db.execute(
        update(NoticeLog)
        .where(NoticeLog.msgid == msgid, NoticeLog.openid == inbound.openid, NoticeLog.status.in_(ACCEPTED_STATUSES))
        .values(status=status, update_time=now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        # NOTE: a report that arrives before the sender stored the msgid is
        # not matched; the row then stays "sent".
        log.info("delivery report: no send-log row msgid=%s user=%s status=%s", msgid, mask_openid(inbound.openid), status)
    else:
        log.info("delivery report: msgid=%s status=%s user=%s", msgid, status, mask_openid(inbound.openid))
    return Answer(text=None)
