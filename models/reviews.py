"""Staff decisions on payment reviews the patient requested (mtd_register.is_audit = 1)."""

from __future__ import annotations

import enum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.base import AppointmentStatus, AuditState, now
from models.patients import Register


class ReviewOutcome(enum.StrEnum):
    DECIDED = "decided"
    NOT_FOUND = "not_found"
    # No review is pending: never requested, or already decided.
    NOT_REQUESTED = "not_requested"
    # A review is pending but the appointment is no longer unpaid.
    NOT_UNPAID = "not_unpaid"


def decide_review(session: Session, appointment_id: int, approve: bool) -> ReviewOutcome:
    """Apply the decision in one conditional UPDATE: approve moves 2 (unpaid) to 3 (paid); both clear is_audit.

    The WHERE clause only matches a pending review of an unpaid appointment,
    so a second click or a second process finds nothing to change.
    """
    values: dict[str, int] = {"is_audit": AuditState.NOT_REQUESTED, "update_time": now()}
    if approve:
        values["status"] = AppointmentStatus.PAID

    result = session.execute(
        update(Register)
        .where(
            Register.id == appointment_id,
            Register.is_audit == AuditState.REQUESTED,
            Register.status == AppointmentStatus.UNPAID,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        return ReviewOutcome.DECIDED

    return _why_not_decided(session, appointment_id)


def _why_not_decided(session: Session, appointment_id: int) -> ReviewOutcome:
    row = session.execute(select(Register.status, Register.is_audit).where(Register.id == appointment_id)).first()
    if row is None:
        return ReviewOutcome.NOT_FOUND
    if row.is_audit != AuditState.REQUESTED:
        return ReviewOutcome.NOT_REQUESTED
    return ReviewOutcome.NOT_UNPAID
