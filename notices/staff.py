"""Staff actions behind `run.py notify/remind/review` and the back-office endpoint.

Each prepare_* function runs in the caller's transaction: it reads the
business row with a staff query, builds the notice and records it in the send
log. Sending happens after the commit (notices.dispatch), so a notice is never
sent for a change that was rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.links import Links
from bot.settings_notices import NoticeSettings
from bot.texts import CLINIC_TIMEZONE
from models.base import ClaimStatus
from models.notices import NoticeLog
from models.reviews import ReviewOutcome, decide_review
from models.staff_queries import find_appointment, find_claim, find_report, list_appointments_between
from notices import kinds
from notices.outbox import Recorded, record

MAX_REASON_CHARACTERS = 100


class StaffError(Exception):
    """A staff request that cannot be carried out; `message` is the Chinese sentence staff see."""

    def __init__(self, code: str, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Context:
    """What every staff action needs besides the session."""

    links: Links
    settings: NoticeSettings


def prepare_appointment(session: Session, context: Context, appointment_id: int) -> Recorded:
    item = find_appointment(session, appointment_id)
    if item is None:
        raise StaffError("not_found", f"预约 {appointment_id} 不存在，请核对预约编号。", status=404)
    return record(session, kinds.appointment_notice(item, context.links), context.settings)


def prepare_mailed(session: Session, context: Context, claim_id: int) -> Recorded:
    item = find_claim(session, claim_id)
    if item is None:
        raise StaffError("not_found", f"药膳申请 {claim_id} 不存在，请核对申请编号。", status=404)
    if item.claim.status != ClaimStatus.MAILED or not item.claim.express_no:
        raise StaffError("not_mailed", f"药膳申请 {claim_id} 还没有登记快递单号，请先登记邮寄信息再发送通知。")
    return record(session, kinds.mailed_notice(item, context.links), context.settings)


def prepare_report(session: Session, context: Context, user_id: int) -> Recorded:
    item = find_report(session, user_id)
    if item is None:
        raise StaffError("no_report", f"用户 {user_id} 还没有发布成绩单，请先发布成绩单再发送通知。", status=404)
    return record(session, kinds.report_notice(item, context.links), context.settings)


def prepare_reminders(session: Session, context: Context, day: date) -> list[Recorded]:
    """Record a reminder for every unpaid or paid appointment booked on day (clinic time)."""
    start = datetime.combine(day, time.min, CLINIC_TIMEZONE)
    end = start + timedelta(days=1)
    items = list_appointments_between(session, int(start.timestamp()), int(end.timestamp()))
    return [record(session, kinds.reminder_notice(item, day, context.links), context.settings) for item in items]


@dataclass(frozen=True)
class ReviewResult:
    recorded: Recorded
    # False when an earlier request had already decided this review.
    decided_now: bool


def prepare_review(session: Session, context: Context, appointment_id: int, approve: bool, reason: str) -> ReviewResult:
    """Decide the payment review and record its notice in the same transaction."""
    reason = check_reason(approve, reason)
    outcome = decide_review(session, appointment_id, approve)

    if outcome == ReviewOutcome.NOT_FOUND:
        raise StaffError("not_found", f"预约 {appointment_id} 不存在，请核对预约编号。", status=404)
    if outcome == ReviewOutcome.NOT_UNPAID:
        raise StaffError("not_unpaid", f"预约 {appointment_id} 已不是待付款状态，无法审核，请在后台核对订单状态。")

    item = find_appointment(session, appointment_id)
    if outcome == ReviewOutcome.NOT_REQUESTED:
        earlier = _earlier_review(session, appointment_id, item.audit_time)
        if earlier is None:
            raise StaffError("not_requested", f"预约 {appointment_id} 没有待处理的支付审核申请，无需审核。")
        return ReviewResult(recorded=earlier, decided_now=False)

    notice = kinds.review_notice(item, approve, reason, context.links)
    return ReviewResult(recorded=record(session, notice, context.settings), decided_now=True)


def check_reason(approve: bool, reason: str | None) -> str:
    """Return the rejection reason, stripped; raise StaffError when it is missing or too long."""
    if approve:
        return ""
    reason = (reason or "").strip()
    if not reason:
        raise StaffError("reason_missing", "驳回支付审核时请写明原因，例如“未查到付款记录”。", status=400)
    if len(reason) > MAX_REASON_CHARACTERS:
        raise StaffError("reason_too_long", f"驳回原因不能超过 {MAX_REASON_CHARACTERS} 个字，请精简后再提交。", status=400)
    return reason


def _earlier_review(session: Session, appointment_id: int, audit_time: int) -> Recorded | None:
    """Return the review notice recorded for the request made at audit_time, if the review was decided here."""
    row = session.execute(
        select(NoticeLog.id, NoticeLog.status, NoticeLog.errcode).where(
            NoticeLog.kind == kinds.REVIEW,
            NoticeLog.business_id == appointment_id,
            NoticeLog.event_version == str(audit_time),
        )
    ).first()
    if row is None:
        return None
    return Recorded(log_id=row.id, created=False, status=row.status, errcode=row.errcode)
