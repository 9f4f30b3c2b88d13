"""Query functions: one SQL statement each, whatever the number of rows, and only the patient's rows."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from bot.db import transaction
from bot.demo import PATIENT_WITH_EVERYTHING, PATIENT_WITH_EMOJI, load_demo_data
from bot.services import Services
from models import AppointmentStatus, ClaimStatus, Expert, Goods, Guide, Hospital, MedicineClaim, Register, WeChatUser
from models import queries

HEAVY_PATIENT = "oHeavyPatientAbcdefgh0123456"


@contextmanager
def count_statements(app_services: Services) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(app_services.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(app_services.engine, "before_cursor_execute", record)


def add_patient(app_services: Services, openid: str, appointments: int) -> None:
    """Add a patient with `appointments` rows of each open and completed status, and as many claims."""
    with transaction(app_services.sessions) as session:
        hospital = session.scalars(select(Hospital)).first()
        expert = session.scalars(select(Expert)).first()
        guide = session.scalars(select(Guide)).first()
        goods = session.scalars(select(Goods)).first()
        user = WeChatUser(openid=openid, nickname="多", subscribe=1)
        session.add(user)
        session.flush()
        for number in range(appointments):
            for status in (AppointmentStatus.UNPAID, AppointmentStatus.COMPLETED):
                session.add(
                    Register(
                        reg_sn=f"H{status}{number:06d}",
                        user_id=user.id,
                        name="多约",
                        status=status,
                        hospital_id=hospital.id,
                        expert_id=expert.id,
                        guide_id=guide.id,
                        bespeak_time=1900000000 + number,
                    )
                )
            session.add(MedicineClaim(user_id=user.id, goods_id=goods.id, name="多约", tel="1", address="地址", status=ClaimStatus.APPLIED))


QUERIES = {
    "get_profile": lambda session, openid: queries.get_profile(session, openid),
    "list_open_appointments": lambda session, openid: queries.list_open_appointments(session, openid),
    "list_visits": lambda session, openid: queries.list_visits(session, openid),
    "list_claims": lambda session, openid: queries.list_claims(session, openid),
    "get_report": lambda session, openid: queries.get_report(session, openid),
    "get_appointment": lambda session, openid: queries.get_appointment(session, openid, 1),
}


@pytest.fixture
def loaded(any_services: Services) -> Services:
    with transaction(any_services.sessions) as session:
        load_demo_data(session)
    return any_services


@pytest.mark.parametrize("rows", [1, 200])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_one_statement(loaded, name, rows):
    add_patient(loaded, HEAVY_PATIENT, rows)

    with loaded.sessions() as session, count_statements(loaded) as statements:
        result = QUERIES[name](session, HEAVY_PATIENT)

    assert len(statements) == 1
    if name in ("list_open_appointments", "list_visits", "list_claims"):
        assert len(result) == rows


def test_open_appointments_fields(loaded):
    with loaded.sessions() as session:
        items = queries.list_open_appointments(session, PATIENT_WITH_EVERYTHING)

    assert [item.status for item in items] == [2, 3, 2]
    assert [item.is_audit for item in items] == [0, 0, 1]
    first = items[0]
    assert first.name == "王小美"
    assert first.hospital_name == "市妇幼保健院东院"
    assert first.expert_name == "张丽华"
    assert first.tel == "13800000001"
    assert first.create_time > 0


def test_appointment_details_fields(loaded):
    with loaded.sessions() as session:
        first = queries.list_open_appointments(session, PATIENT_WITH_EVERYTHING)[0]
        details = queries.get_appointment(session, PATIENT_WITH_EVERYTHING, first.id)

    assert details.id == first.id
    assert details.reg_sn.startswith("MTD")
    assert details.status == AppointmentStatus.UNPAID
    assert details.category_name == "产科"
    assert details.expert_name == "张丽华"
    assert (details.weight, details.height) == (58, 162)


def test_appointment_of_another_patient_is_none(loaded):
    with loaded.sessions() as session:
        theirs = queries.list_open_appointments(session, PATIENT_WITH_EMOJI)[0]
        seen = queries.get_appointment(session, PATIENT_WITH_EVERYTHING, theirs.id)

    assert seen is None


def test_claims_and_report(loaded):
    with loaded.sessions() as session:
        claims = queries.list_claims(session, PATIENT_WITH_EVERYTHING)
        report = queries.get_report(session, PATIENT_WITH_EVERYTHING)

    assert [claim.status for claim in claims] == [ClaimStatus.APPLIED, ClaimStatus.MAILED]
    assert claims[1].express_no == "SF1234567890123"
    assert (report.front_score, report.in_score, report.after_score, report.recovery_score, report.score) == (86, 92, 78, 88, 344)


def test_long_list_reply_stays_inside_wechat_limit(app, wechat, demo):
    from bot.services import services

    add_patient(services(app), HEAVY_PATIENT, 200)

    content = wechat.text(HEAVY_PATIENT, "我的预约").content

    assert "您有 200 个预约" in content
    assert "还有 195 个预约未显示" in content
    assert len(content.encode()) <= 2048


def test_openid_matches_exactly(loaded):
    near_miss = PATIENT_WITH_EVERYTHING.upper() + " "

    with loaded.sessions() as session:
        items = queries.list_open_appointments(session, near_miss)
        profile = queries.get_profile(session, near_miss)

    assert items == []
    assert profile is None
