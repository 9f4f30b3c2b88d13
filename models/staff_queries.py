"""Staff-side read queries for notices, keyed by appointment, claim, patient or day.

Staff name a business row, not a patient, so each query returns the owner's
openid beside the same dataclass the patient's own views are built from. Each
function issues one SQL statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import Session

from models.patients import MedicineClaim, Register, Report, WeChatUser
from models.queries import (
    OPEN_STATUSES,
    Appointment,
    AppointmentDetails,
    Claim,
    ReportCard,
    _appointment_columns,
    claims_statement,
    details_statement,
    report_statement,
)


@dataclass(frozen=True, slots=True)
class StaffAppointment:
    """An appointment with its owner and the times that version its events."""

    openid: str
    user_id: int
    details: AppointmentDetails
    update_time: int

    @property
    def audit_time(self) -> int:
        return self.details.audit_time


@dataclass(frozen=True, slots=True)
class StaffClaim:
    openid: str
    claim: Claim
    update_time: int


@dataclass(frozen=True, slots=True)
class StaffReport:
    openid: str
    user_id: int
    report: ReportCard


@dataclass(frozen=True, slots=True)
class DayAppointment:
    openid: str
    appointment: Appointment


def find_appointment(session: Session, appointment_id: int) -> StaffAppointment | None:
    """Return the appointment with this id and its owner, or None."""
    statement = details_statement(
        WeChatUser.openid.label("owner_openid"),
        WeChatUser.id.label("owner_id"),
        Register.update_time.label("row_update_time"),
    ).where(Register.id == appointment_id)
    row = session.execute(statement).first()
    if row is None:
        return None

    values = dict(row._mapping)
    return StaffAppointment(
        openid=values.pop("owner_openid"),
        user_id=values.pop("owner_id"),
        update_time=values.pop("row_update_time"),
        details=AppointmentDetails(**values),
    )


def find_claim(session: Session, claim_id: int) -> StaffClaim | None:
    """Return the medicinal-diet claim with this id and its owner, or None."""
    statement = claims_statement(
        WeChatUser.openid.label("owner_openid"),
        MedicineClaim.update_time.label("row_update_time"),
    ).where(MedicineClaim.id == claim_id)
    row = session.execute(statement).first()
    if row is None:
        return None

    values = dict(row._mapping)
    return StaffClaim(openid=values.pop("owner_openid"), update_time=values.pop("row_update_time"), claim=Claim(**values))


def find_report(session: Session, user_id: int) -> StaffReport | None:
    """Return the report card of the patient with this mtd_wechar_user id, or None when none is published."""
    statement = report_statement(WeChatUser.openid.label("owner_openid")).where(Report.user_id == user_id)
    row = session.execute(statement).first()
    if row is None:
        return None

    values = dict(row._mapping)
    return StaffReport(openid=values.pop("owner_openid"), user_id=user_id, report=ReportCard(**values))


def list_appointments_between(session: Session, start: int, end: int) -> list[DayAppointment]:
    """Return the unpaid and paid appointments booked in [start, end) Unix seconds, soonest first."""
    statement: Select = (
        _appointment_columns(Register.is_audit, Register.create_time, WeChatUser.openid.label("owner_openid"))
        .join(WeChatUser, WeChatUser.id == Register.user_id)
        .where(
            Register.status.in_(OPEN_STATUSES),
            Register.bespeak_time >= start,
            Register.bespeak_time < end,
        )
        .order_by(Register.bespeak_time, Register.id)
    )
    appointments = []
    for row in session.execute(statement):
        values = dict(row._mapping)
        openid = values.pop("owner_openid")
        appointments.append(DayAppointment(openid=openid, appointment=Appointment(**values)))
    return appointments

