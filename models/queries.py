"""Read queries for the personal-center views, shared by bot replies, H5 pages, the JSON API and notices.

Each function issues exactly one SQL statement, whatever the number of rows,
and selects only the columns its view shows. The patient is always named by
openid and joined through mtd_wechar_user, so a query can never return
another patient's rows: ownership is part of every WHERE clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from models.base import AppointmentStatus, ClaimStatus
from models.catalog import Category, Expert, Goods, Guide, Hospital
from models.patients import MedicineClaim, Register, Report, WeChatUser

OPEN_STATUSES = (AppointmentStatus.UNPAID, AppointmentStatus.PAID)


@dataclass(frozen=True, slots=True)
class Profile:
    img: str
    name: str


@dataclass(frozen=True, slots=True)
class Appointment:
    """One row of the open-appointment list (/Wx/Personal/order)."""

    id: int
    name: str
    status: int
    is_audit: int
    hospital_name: str
    tel: str
    expert_name: str
    create_time: int
    bespeak_time: int


@dataclass(frozen=True, slots=True)
class Visit:
    """One completed visit (/Wx/Personal/record)."""

    id: int
    name: str
    status: int
    hospital_name: str
    tel: str
    expert_name: str
    bespeak_time: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One medicinal-diet claim (/Wx/Personal/goods)."""

    id: int
    name: str
    status: int
    create_time: int
    tel: str
    address: str
    goods_name: str
    express_company: str
    express_no: str


@dataclass(frozen=True, slots=True)
class ReportCard:
    front_score: int
    in_score: int
    after_score: int
    recovery_score: int
    score: int
    update_time: int


@dataclass(frozen=True, slots=True)
class AppointmentDetails:
    """One appointment in full (/Wx/Personal/details)."""

    id: int
    reg_sn: str
    name: str
    status: int
    is_audit: int
    bespeak_time: int
    weight: int | None
    height: int | None
    img: str
    expert_name: str
    category_name: str
    hospital_name: str
    tel: str
    create_time: int
    audit_time: int


def get_profile(session: Session, openid: str) -> Profile | None:
    """Return the patient's WeChat avatar and nickname, or None for an unknown openid."""
    statement = select(WeChatUser.headimgurl, WeChatUser.nickname).where(
        WeChatUser.openid == openid
    )
    row = session.execute(statement).first()
    if row is None:
        return None
    return Profile(img=row.headimgurl, name=row.nickname)


def list_open_appointments(session: Session, openid: str) -> list[Appointment]:
    """Return the patient's unpaid and paid appointments, soonest booking first."""
    statement = (
        _appointment_columns(Register.is_audit, Register.create_time)
        .where(Register.status.in_(OPEN_STATUSES))
        .order_by(Register.bespeak_time, Register.id)
    )
    return [Appointment(**row._mapping) for row in session.execute(_for_patient(statement, openid))]


def list_visits(session: Session, openid: str) -> list[Visit]:
    """Return the patient's completed visits, latest first."""
    statement = (
        _appointment_columns()
        .where(Register.status == AppointmentStatus.COMPLETED)
        .order_by(Register.bespeak_time.desc(), Register.id.desc())
    )
    return [Visit(**row._mapping) for row in session.execute(_for_patient(statement, openid))]


def list_claims(session: Session, openid: str) -> list[Claim]:
    """Return the patient's medicinal-diet claims, latest first."""
    statement = (
        claims_statement()
        .where(WeChatUser.openid == openid)
        .order_by(MedicineClaim.create_time.desc(), MedicineClaim.id.desc())
    )
    return [Claim(**row._mapping) for row in session.execute(statement)]


def claims_statement(*extra) -> Select:
    """Return the SELECT of Claim columns (then extra ones), joined to the patient."""
    return (
        select(
            MedicineClaim.id,
            MedicineClaim.name,
            MedicineClaim.status,
            MedicineClaim.create_time,
            MedicineClaim.tel,
            MedicineClaim.address,
            func.coalesce(Goods.name, "").label("goods_name"),
            MedicineClaim.express_company,
            MedicineClaim.express_no,
            *extra,
        )
        .join(WeChatUser, WeChatUser.id == MedicineClaim.user_id)
        .outerjoin(Goods, Goods.id == MedicineClaim.goods_id)
    )


def get_report(session: Session, openid: str) -> ReportCard | None:
    """Return the patient's report card, or None when none is published yet."""
    statement = report_statement().where(WeChatUser.openid == openid)
    row = session.execute(statement).first()
    return None if row is None else ReportCard(**row._mapping)


def report_statement(*extra) -> Select:
    """Return the SELECT of ReportCard columns (then extra ones), joined to the patient."""
    return (
        select(
            Report.front_score,
            Report.in_score,
            Report.after_score,
            Report.recovery_score,
            Report.score,
            Report.update_time,
            *extra,
        )
        .join(WeChatUser, WeChatUser.id == Report.user_id)
    )


def get_appointment(session: Session, openid: str, appointment_id: int) -> AppointmentDetails | None:
    """Return one of the patient's appointments; another patient's id returns None like a missing one."""
    statement = details_statement().where(WeChatUser.openid == openid, Register.id == appointment_id)
    row = session.execute(statement).first()
    return None if row is None else AppointmentDetails(**row._mapping)


def details_statement(*extra) -> Select:
    """Return the SELECT of AppointmentDetails columns (then extra ones), joined to the patient."""
    department = aliased(Category)
    statement = _appointment_columns(
        Register.reg_sn,
        Register.is_audit,
        Register.weight,
        Register.height,
        Register.img,
        func.coalesce(department.name, "").label("category_name"),
        Register.create_time,
        Register.audit_time,
        *extra,
    ).outerjoin(department, department.id == Register.category_id)
    return statement.join(WeChatUser, WeChatUser.id == Register.user_id)


def _appointment_columns(*extra) -> Select:
    return (
        select(
            Register.id,
            Register.name,
            Register.status,
            func.coalesce(Hospital.name, "").label("hospital_name"),
            func.coalesce(Guide.tel, "").label("tel"),
            func.coalesce(Expert.name, "").label("expert_name"),
            Register.bespeak_time,
            *extra,
        )
        .outerjoin(Hospital, Hospital.id == Register.hospital_id)
        .outerjoin(Guide, Guide.id == Register.guide_id)
        .outerjoin(Expert, Expert.id == Register.expert_id)
    )


def _for_patient(statement: Select, openid: str) -> Select:
    return statement.join(WeChatUser, WeChatUser.id == Register.user_id).where(
        WeChatUser.openid == openid
    )


@dataclass(frozen=True, slots=True)
class HospitalContact:
    name: str
    tel: str
    address: str


def list_hospital_contacts(session: Session) -> list[HospitalContact]:
    """Return every hospital's front-desk phone, for patients without an appointment."""
    statement = select(Hospital.name, Hospital.tel, Hospital.address).order_by(Hospital.id)
    return [HospitalContact(**row._mapping) for row in session.execute(statement)]


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts behind the badges of the personal-center home page."""

    unpaid: int
    paid: int
    visits: int
    claims_applied: int
    claims_mailed: int
    has_report: bool


def get_summary(session: Session, openid: str) -> Summary:
    """Return the patient's counts per appointment and claim status, in one statement.

    An unknown openid returns zero counts, like a patient without records.
    """
    patient = select(WeChatUser.id).where(WeChatUser.openid == openid).scalar_subquery()

    def appointments(status: AppointmentStatus):
        return (
            select(func.count(Register.id))
            .where(Register.user_id == patient, Register.status == status)
            .scalar_subquery()
        )

    def claims(status: ClaimStatus):
        return (
            select(func.count(MedicineClaim.id))
            .where(MedicineClaim.user_id == patient, MedicineClaim.status == status)
            .scalar_subquery()
        )

    reports = select(func.count(Report.id)).where(Report.user_id == patient).scalar_subquery()
    statement = select(
        appointments(AppointmentStatus.UNPAID).label("unpaid"),
        appointments(AppointmentStatus.PAID).label("paid"),
        appointments(AppointmentStatus.COMPLETED).label("visits"),
        claims(ClaimStatus.APPLIED).label("claims_applied"),
        claims(ClaimStatus.MAILED).label("claims_mailed"),
        reports.label("reports"),
    )
    row = session.execute(statement).one()
    return Summary(
        unpaid=row.unpaid,
        paid=row.paid,
        visits=row.visits,
        claims_applied=row.claims_applied,
        claims_mailed=row.claims_mailed,
        has_report=row.reports > 0,
    )
