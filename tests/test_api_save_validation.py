"""Every way a /Wx/Personal/save request can be invalid, with the sentence the patient reads."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from bot.demo import PATIENT_WITH_EVERYTHING
from bot.texts import CLINIC_TIMEZONE
from models import AppointmentStatus
from tests.web_helpers import api_token, appointment_ids, load_appointment, log_in

pytestmark = pytest.mark.usefixtures("web_demo")

DAY = 86400
TOMORROW = "tomorrow"


def resolve_time(value, now: int):
    """Turn the table's symbolic times into values relative to the test's clock."""
    if value == TOMORROW:
        return now + DAY
    if isinstance(value, tuple):
        return now + value[0]
    return value


CASES = [
    # (name, bespeak_time, field message)
    ("", TOMORROW, "请填写就诊人姓名。"),
    ("   ", TOMORROW, "请填写就诊人姓名。"),
    (None, TOMORROW, "请填写就诊人姓名。"),
    ("王" * 21, TOMORROW, "姓名不能超过 20 个字，请修改后再提交。"),
    ("王小\x07美", TOMORROW, "姓名中有无法识别的字符，请重新输入。"),
    ("王小\n美", TOMORROW, "姓名中有无法识别的字符，请重新输入。"),
    ("王\u200b小美", TOMORROW, "姓名中有无法识别的字符，请重新输入。"),
    (123, TOMORROW, "姓名格式不正确，请重新填写。"),
    ("王小美", None, "请选择预约时间。"),
    ("王小美", "", "请选择预约时间。"),
    ("王小美", "next tuesday", "预约时间格式不正确，请重新选择。"),
    ("王小美", "2026-13-40T25:99", "预约时间格式不正确，请重新选择。"),
    ("王小美", 1.5, "预约时间格式不正确，请重新选择。"),
    ("王小美", True, "预约时间格式不正确，请重新选择。"),
    ("王小美", (-60,), "预约时间已经过去，请选择之后的时间。"),
    ("王小美", (0,), "预约时间已经过去，请选择之后的时间。"),
    ("王小美", -5, "预约时间已经过去，请选择之后的时间。"),
    ("王小美", (31 * DAY,), "只能预约 30 天以内的时间，请重新选择。"),
    ("王小美", 10**18, "只能预约 30 天以内的时间，请重新选择。"),
]


@pytest.mark.parametrize(("name", "bespeak_time", "message"), CASES)
def test_save_rejects_invalid_field(web_app, name, bespeak_time, message):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID)[0]
    before = load_appointment(web_app, appointment_id)
    body = {"id": appointment_id, "name": name, "bespeak_time": resolve_time(bespeak_time, int(time.time()))}

    response = client.post("/Wx/Personal/save", json=body, headers={"X-CSRF-Token": api_token(client)})

    assert response.status_code == 400
    assert response.json == {"code": 400, "msg": message, "data": None}
    after = load_appointment(web_app, appointment_id)
    assert (after.name, after.bespeak_time) == (before.name, before.bespeak_time)


@pytest.mark.parametrize(
    ("appointment_id", "message"),
    [
        (None, "缺少预约编号，请返回预约列表重新打开。"),
        ("", "缺少预约编号，请返回预约列表重新打开。"),
        (0, "预约编号无效，请返回预约列表重新打开。"),
        (-1, "预约编号无效，请返回预约列表重新打开。"),
        ("1e3", "预约编号无效，请返回预约列表重新打开。"),
        (2**63, "预约编号无效，请返回预约列表重新打开。"),
        ([1], "预约编号无效，请返回预约列表重新打开。"),
    ],
)
def test_save_rejects_invalid_id(web_app, appointment_id, message):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    body = {"id": appointment_id, "name": "王小美", "bespeak_time": int(time.time()) + DAY}

    response = client.post("/Wx/Personal/save", json=body, headers={"X-CSRF-Token": api_token(client)})

    assert response.status_code == 400
    assert response.json["msg"] == message


def test_save_accepts_datetime_local_in_clinic_time(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID)[0]
    moment = (datetime.now(CLINIC_TIMEZONE) + timedelta(days=2)).replace(hour=10, minute=15, second=0, microsecond=0)

    response = client.post(
        "/Wx/Personal/save",
        data={"id": appointment_id, "name": "王小美", "bespeak_time": moment.strftime("%Y-%m-%dT%H:%M")},
        headers={"X-CSRF-Token": api_token(client)},
    )

    assert response.status_code == 200
    assert load_appointment(web_app, appointment_id).bespeak_time == int(moment.timestamp())


def test_save_accepts_twenty_characters_and_emoji(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]
    name = "王" * 18 + "🌸💕"

    response = client.post(
        "/Wx/Personal/save",
        json={"id": appointment_id, "name": name, "bespeak_time": int(time.time()) + 30 * DAY - 60},
        headers={"X-CSRF-Token": api_token(client)},
    )

    assert response.status_code == 200
    assert load_appointment(web_app, appointment_id).name == name


def test_save_rejects_lone_surrogate(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID)[0]
    before = load_appointment(web_app, appointment_id)
    # Written by hand because JSON may escape a lone surrogate that no encoder produces.
    body = f'{{"id": {appointment_id}, "name": "\\ud800", "bespeak_time": {int(time.time()) + DAY}}}'

    response = client.post("/Wx/Personal/save", data=body, content_type="application/json", headers={"X-CSRF-Token": api_token(client)})

    assert response.status_code == 400
    assert response.json["msg"] == "姓名中有无法识别的字符，请重新输入。"
    assert load_appointment(web_app, appointment_id).name == before.name
