"""TEMPLATESENDJOBFINISH events posted to /wechat update the send log by msgid."""

from __future__ import annotations

import pytest

from bot.db import transaction
from bot.demo import PATIENT_UNPAID_ONLY, PATIENT_WITH_EVERYTHING
from bot.services import services
from bot.simulator import make_xml
from models import NoticeLog

MSGID = 3_000_000_042


@pytest.fixture
def sent_notice(app, demo) -> int:
    """A reminder the send log records as accepted by WeChat with MSGID."""
    with transaction(services(app).sessions) as session:
        row = NoticeLog(
            kind="reminder",
            business_id=1,
            event_version="2026-12-05",
            openid=PATIENT_WITH_EVERYTHING,
            template_id="DemoTemplateVisitReminder000000000000000000",
            client_msg_id="n0",
            payload="{}",
            status="sent",
            msgid=MSGID,
        )
        session.add(row)
    return row.id


def report(wechat, openid: str, status: str, msgid: int = MSGID):
    xml = make_xml(openid, "event", {"Event": "TEMPLATESENDJOBFINISH", "MsgID": msgid, "Status": status})
    return wechat.post(xml)


def status_of(app, log_id: int) -> str:
    with transaction(services(app).sessions) as session:
        return session.get(NoticeLog, log_id).status


@pytest.mark.parametrize(
    "wechat_status, expected",
    [
        ("success", "delivered"),
        ("failed:user block", "user_blocked"),
        ("failed: system failed", "system_failed"),
    ],
)
def test_delivery_report_updates_log(app, wechat, sent_notice, wechat_status, expected):
    reply = report(wechat, PATIENT_WITH_EVERYTHING, wechat_status)

    assert reply.status == 200
    assert reply.body == "success"
    assert status_of(app, sent_notice) == expected


def test_report_for_other_patient_is_ignored(app, wechat, sent_notice):
    reply = report(wechat, PATIENT_UNPAID_ONLY, "success")

    assert reply.body == "success"
    assert status_of(app, sent_notice) == "sent"


def test_unknown_msgid_answers_success(app, wechat, sent_notice):
    reply = report(wechat, PATIENT_WITH_EVERYTHING, "success", msgid=MSGID + 1)

    assert reply.body == "success"
    assert status_of(app, sent_notice) == "sent"


def test_unknown_status_leaves_log(app, wechat, sent_notice):
    reply = report(wechat, PATIENT_WITH_EVERYTHING, "pending")

    assert reply.body == "success"
    assert status_of(app, sent_notice) == "sent"
