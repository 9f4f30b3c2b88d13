"""One patient can never read, edit or audit another patient's appointment, by API or page."""

from __future__ import annotations

import time

import pytest

from bot.demo import PATIENT_UNPAID_ONLY, PATIENT_WITH_EVERYTHING
from models import AppointmentStatus
from tests.web_helpers import api_token, appointment_ids, form_token, load_appointment, log_in

pytestmark = pytest.mark.usefixtures("web_demo")

MISSING_ID = 987654
NOT_FOUND = {"code": 404, "msg": "没有找到这个预约，请返回预约列表刷新后再试。", "data": None}


@pytest.fixture
def intruder(web_app):
    """Patient 陈静, logged in, looking at 王小美's unpaid appointment."""
    client = web_app.test_client()
    log_in(client, PATIENT_UNPAID_ONLY)
    return client


@pytest.fixture
def victim_id(web_app) -> int:
    return appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]


def api_calls(client, appointment_id: int) -> list:
    token = api_token(client)
    headers = {"X-CSRF-Token": token}
    edit = {"id": appointment_id, "name": "陈静", "bespeak_time": int(time.time()) + 86400}
    return [
        client.get("/Wx/Personal/details", query_string={"id": appointment_id}),
        client.post("/Wx/Personal/save", data=edit, headers=headers),
        client.post("/Wx/Personal/audit", data={"id": appointment_id}, headers=headers),
    ]


def test_api_answers_other_patients_id_like_missing(web_app, intruder, victim_id):
    before = load_appointment(web_app, victim_id)

    foreign = api_calls(intruder, victim_id)
    missing = api_calls(intruder, MISSING_ID)

    for foreign_response, missing_response in zip(foreign, missing):
        assert foreign_response.status_code == missing_response.status_code == 404
        assert foreign_response.json == NOT_FOUND
        assert missing_response.json == NOT_FOUND
    after = load_appointment(web_app, victim_id)
    assert (after.name, after.bespeak_time, after.is_audit) == (before.name, before.bespeak_time, before.is_audit)


def page_calls(client, appointment_id: int) -> list:
    token = form_token(client.get("/h5/").text)
    edit = {"csrf_token": token, "name": "陈静", "bespeak_time": "2030-01-01T10:00"}
    base = f"/h5/appointments/{appointment_id}"
    return [
        client.get(base),
        client.get(f"{base}/edit"),
        client.post(f"{base}/edit", data=edit),
        client.get(f"{base}/audit"),
        client.post(f"{base}/audit", data={"csrf_token": token}),
        client.get(f"{base}/done/saved"),
    ]


def test_pages_answer_other_patients_id_like_missing(web_app, intruder, victim_id):
    before = load_appointment(web_app, victim_id)

    foreign = page_calls(intruder, victim_id)
    missing = page_calls(intruder, MISSING_ID)

    for foreign_response, missing_response in zip(foreign, missing):
        assert foreign_response.status_code == missing_response.status_code == 404
        assert "没有找到这个预约，请返回预约列表刷新后再试。" in foreign_response.text
        assert foreign_response.text.replace(str(victim_id), "ID") == missing_response.text.replace(str(MISSING_ID), "ID")
    after = load_appointment(web_app, victim_id)
    assert (after.name, after.bespeak_time, after.is_audit) == (before.name, before.bespeak_time, before.is_audit)


def test_lists_show_only_own_rows(intruder):
    orders = intruder.get("/Wx/Personal/order").json["data"]
    page = intruder.get("/h5/appointments").text

    assert {row["name"] for row in orders} == {"陈静"}
    assert "王小美" not in page
    assert "陈静" in page
