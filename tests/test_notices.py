"""Template notices sent inline (no Redis queue) to the sandbox: content, idempotency, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db import transaction
from bot.demo import PATIENT_UNPAID_ONLY, PATIENT_WITH_EMOJI, PATIENT_WITH_EVERYTHING, demo_day
from models import AuditState, MedicineClaim, NoticeLog, Register, WeChatUser
from notices.batch import send_batch
from notices.staff import Context, StaffError, prepare_appointment, prepare_mailed, prepare_reminders, prepare_review
from sandbox.messages import follow
from tests.conftest import BASE_URL


def context(services) -> Context:
    return Context(links=services.links, settings=services.settings.notices)


def cards(sandbox, openid: str | None = None) -> list[dict]:
    with sandbox.app.app_context():
        messages = sandbox.state.store.get("template_messages", [])
        return [message for message in messages if openid is None or message["touser"] == openid]


def send(services, prepare, *args):
    with transaction(services.sessions) as session:
        recorded = prepare(session, context(services), *args)
    recorded = getattr(recorded, "recorded", recorded)
    batch = recorded if isinstance(recorded, list) else [recorded]
    return send_batch(services, batch, wait_seconds=0, show_progress=False)


def pending_review_id(services) -> int:
    with transaction(services.sessions) as session:
        return session.scalar(select(Register.id).where(Register.is_audit == AuditState.REQUESTED))


def test_reminders_reach_each_patient_once(inline_services, sandbox):
    day = demo_day().date()

    first = send(inline_services, prepare_reminders, day)
    second = send(inline_services, prepare_reminders, day)

    assert first.sent == 2
    assert second.sent == 0
    assert second.already_sent == 2
    assert len(cards(sandbox, PATIENT_WITH_EVERYTHING)) == 1
    assert len(cards(sandbox, PATIENT_WITH_EMOJI)) == 1
    assert cards(sandbox, PATIENT_UNPAID_ONLY) == []


def test_reminder_card_follows_template_rules(inline_services, sandbox):
    send(inline_services, prepare_reminders, demo_day().date())

    card = cards(sandbox, PATIENT_WITH_EVERYTHING)[0]
    values = {keyword: item["value"] for keyword, item in card["data"].items()}
    assert values["thing1"] == "王小美"
    assert values["time2"] == demo_day().strftime("%Y年%m月%d日 09:30")
    assert values["thing3"] == "市妇幼保健院东院"
    assert values["phone_number5"] == "13800000001"
    assert "first" not in card["data"]
    assert "remark" not in card["data"]
    assert all(set(item) == {"value"} for item in card["data"].values())
    assert card["url"].startswith(f"{BASE_URL}/h5/auth?next=/h5/appointments/")
    assert card["client_msg_id"]


def test_send_log_records_msgid(inline_services, sandbox):
    send(inline_services, prepare_reminders, demo_day().date())

    with transaction(inline_services.sessions) as session:
        rows = session.execute(select(NoticeLog.status, NoticeLog.msgid, NoticeLog.attempts)).all()
    assert {row.status for row in rows} == {"sent"}
    assert sorted(row.msgid for row in rows) == sorted(card["msgid"] for card in cards(sandbox))
    assert {row.attempts for row in rows} == {1}


def test_review_approval_marks_paid_and_notifies(inline_services, sandbox):
    appointment_id = pending_review_id(inline_services)

    summary = send(inline_services, prepare_review, appointment_id, True, "")

    with transaction(inline_services.sessions) as session:
        row = session.get(Register, appointment_id)
        assert row.status == 3
        assert row.is_audit == 0
    assert summary.sent == 1
    card = cards(sandbox, PATIENT_WITH_EVERYTHING)[0]
    assert card["data"]["phrase2"]["value"] == "已通过"
    assert card["url"] == f"{BASE_URL}/h5/auth?next=/h5/appointments/{appointment_id}"


def test_review_decided_twice_sends_once(inline_services, sandbox):
    appointment_id = pending_review_id(inline_services)
    send(inline_services, prepare_review, appointment_id, True, "")

    with transaction(inline_services.sessions) as session:
        again = prepare_review(session, context(inline_services), appointment_id, False, "未查到付款记录")

    assert again.decided_now is False
    with transaction(inline_services.sessions) as session:
        assert session.get(Register, appointment_id).status == 3
    assert len(cards(sandbox)) == 1


def test_review_rejection_explains_next_step(inline_services, sandbox):
    appointment_id = pending_review_id(inline_services)

    send(inline_services, prepare_review, appointment_id, False, "未查到付款记录")

    with transaction(inline_services.sessions) as session:
        row = session.get(Register, appointment_id)
        assert row.status == 2
        assert row.is_audit == 0
    values = {keyword: item["value"] for keyword, item in cards(sandbox)[0]["data"].items()}
    assert values["phrase2"] == "未通过"
    assert values["thing4"] == "未查到付款记录"
    assert values["thing5"] == "请核对付款后重新申请审核"


def test_review_rejection_needs_reason(inline_services):
    appointment_id = pending_review_id(inline_services)

    with pytest.raises(StaffError, match="请写明原因"), transaction(inline_services.sessions) as session:
        prepare_review(session, context(inline_services), appointment_id, False, "  ")

    with transaction(inline_services.sessions) as session:
        assert session.get(Register, appointment_id).is_audit == 1


def test_review_without_request_is_refused(inline_services):
    with transaction(inline_services.sessions) as session:
        appointment_id = session.scalar(select(Register.id).where(Register.status == 3))

    with pytest.raises(StaffError, match="已不是待付款状态|没有待处理的支付审核"), transaction(inline_services.sessions) as session:
        prepare_review(session, context(inline_services), appointment_id, True, "")


def test_unfollowed_patient_fails_without_retry(inline_services, sandbox):
    with sandbox.app.app_context():
        follow(PATIENT_WITH_EMOJI, subscribed=False)

    first = send(inline_services, prepare_reminders, demo_day().date())
    calls_after_first = len(sandbox.state.calls_to("/cgi-bin/message/template/send"))
    second = send(inline_services, prepare_reminders, demo_day().date())

    assert first.failed == {43004: 1}
    assert second.failed == {43004: 1}
    assert len(sandbox.state.calls_to("/cgi-bin/message/template/send")) == calls_after_first


def test_rate_limited_notice_is_sent_on_rerun(inline_services, sandbox):
    with transaction(inline_services.sessions) as session:
        appointment_id = session.scalar(select(Register.id).where(Register.status == 3).order_by(Register.id))
    retries = inline_services.settings.wechat.busy_retries
    sandbox.state.inject("/cgi-bin/message/template/send", 45009, times=retries + 1)

    first = send(inline_services, prepare_appointment, appointment_id)
    second = send(inline_services, prepare_appointment, appointment_id)

    assert first.waiting == {45009: 1}
    assert second.sent == 1
    assert len(cards(sandbox)) == 1


def test_mailed_notice_names_courier(inline_services, sandbox):
    with transaction(inline_services.sessions) as session:
        claim_id = session.scalar(
            select(MedicineClaim.id).join(WeChatUser).where(WeChatUser.openid == PATIENT_WITH_EMOJI)
        )

    send(inline_services, prepare_mailed, claim_id)

    values = {keyword: item["value"] for keyword, item in cards(sandbox, PATIENT_WITH_EMOJI)[0]["data"].items()}
    assert values["thing2"] == "中通快递"
    assert values["character_string3"] == "ZT7788990011"


def test_unmailed_claim_is_refused(inline_services):
    with transaction(inline_services.sessions) as session:
        claim_id = session.scalar(select(MedicineClaim.id).where(MedicineClaim.status == 1))

    with pytest.raises(StaffError, match="还没有登记快递单号"), transaction(inline_services.sessions) as session:
        prepare_mailed(session, context(inline_services), claim_id)


def test_unknown_appointment_is_refused(inline_services):
    with pytest.raises(StaffError, match="预约 999999 不存在"), transaction(inline_services.sessions) as session:
        prepare_appointment(session, context(inline_services), 999999)
