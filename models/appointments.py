"""Writes a patient (or later, staff) makes to an appointment: edit it, ask for a payment review.

Each write is one conditional UPDATE whose WHERE clause contains both the
ownership check (the row belongs to the openid's mtd_wechar_user row) and the
allowed statuses, so a concurrent status change cannot slip between a check
and the write. Only when nothing was updated does a second statement read the
row to tell the caller why. The caller owns the transaction and commits it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import ScalarSelect, select, update
from sqlalchemy.orm import Session

from models.base import AppointmentStatus, AuditState, now
from models.patients import Register, WeChatUser

# Closed and completed appointments are history; only open ones can change.
EDITABLE_STATUSES = (AppointmentStatus.UNPAID, AppointmentStatus.PAID)


class Change(enum.Enum):
    """Result of a write."""

    DONE = "done"
    # The write was already made earlier (a repeated payment-review request).
    ALREADY_DONE = "already_done"
    # No appointment with this id belongs to the patient.
    NOT_FOUND = "not_found"
    # The appointment exists but its status forbids the write.
    WRONG_STATUS = "wrong_status"


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    change: Change
    # The appointment's status after the attempt; None when not found.
    status: int | None = None


def save_appointment(
    session: Session, openid: str, appointment_id: int, name: str, bespeak_time: int
) -> WriteOutcome:
    """Set the patient name and booking time of one of the patient's open appointments."""
    statement = (
        update(Register)
        .where(
            Register.id == appointment_id,
            Register.user_id == _patient_id(openid),
            Register.status.in_(EDITABLE_STATUSES),
        )
        .values(name=name, bespeak_time=bespeak_time, update_time=now())
    )
    if session.execute(statement).rowcount == 1:
        return WriteOutcome(Change.DONE, _status(session, openid, appointment_id))

    return _explain_refusal(session, openid, appointment_id)


def request_payment_review(session: Session, openid: str, appointment_id: int) -> WriteOutcome:
    """Mark one of the patient's unpaid appointments as waiting for staff to review a payment.

    Asking again for an appointment already marked returns ALREADY_DONE and
    keeps the first audit_time.
    """
    moment = now()
    statement = (
        update(Register)
        .where(
            Register.id == appointment_id,
            Register.user_id == _patient_id(openid),
            Register.status == AppointmentStatus.UNPAID,
            Register.is_audit == AuditState.NOT_REQUESTED,
        )
        .values(is_audit=AuditState.REQUESTED, audit_time=moment, update_time=moment)
    )
    if session.execute(statement).rowcount == 1:
        return WriteOutcome(Change.DONE, AppointmentStatus.UNPAID)

    outcome = _explain_refusal(session, openid, appointment_id)
    if outcome.status == AppointmentStatus.UNPAID:
        # Unpaid yet not updated: is_audit was already REQUESTED.
        return WriteOutcome(Change.ALREADY_DONE, outcome.status)
    return outcome


def _patient_id(openid: str) -> ScalarSelect[int]:
    return select(WeChatUser.id).where(WeChatUser.openid == openid).scalar_subquery()


def _status(session: Session, openid: str, appointment_id: int) -> int | None:
    statement = select(Register.status).where(
        Register.id == appointment_id, Register.user_id == _patient_id(openid)
    )
    return session.scalar(statement)


def _explain_refusal(session: Session, openid: str, appointment_id: int) -> WriteOutcome:
    status = _status(session, openid, appointment_id)
    if status is None:
        return WriteOutcome(Change.NOT_FOUND)
    return WriteOutcome(Change.WRONG_STATUS, status)
