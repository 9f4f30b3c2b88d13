"""Contract of the JSON API at /Wx/Personal/*: fields, types, the envelope and every error."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from bot.demo import PATIENT_UNPAID_ONLY, PATIENT_WITH_EMOJI, PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from models import AppointmentStatus
from tests.web_helpers import api_token, appointment_ids, load_appointment, log_in

pytestmark = pytest.mark.usefixtures("web_demo")

READ_PATHS = ["info", "order", "record", "goods", "report", "details?id=1"]


@pytest.fixture
def client(web_app):
    return web_app.test_client()


@pytest.fixture
def patient(client):
    log_in(client, PATIENT_WITH_EVERYTHING)
    return client


def assert_envelope(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.json
    assert list(body) == ["code", "msg", "data"]
    assert body["code"] == status
    assert isinstance(body["msg"], str) and body["msg"]
    return body


def test_info_returns_avatar_and_nickname(patient):
    body = assert_envelope(patient.get("/Wx/Personal/info"), 200)

    assert body["data"] == {"img": "", "name": "小美"}


def test_info_keeps_emoji_nickname(client):
    log_in(client, PATIENT_WITH_EMOJI)

    body = assert_envelope(client.get("/Wx/Personal/info"), 200)

    assert body["data"]["name"] == "🌸娜娜💕"


def test_order_lists_open_appointments(patient):
    body = assert_envelope(patient.get("/Wx/Personal/order"), 200)

    rows = body["data"]
    assert len(rows) == 3
    for row in rows:
        assert list(row) == ["id", "name", "status", "is_audit", "hospital_name", "tel", "expert_name", "create_time"]
        assert isinstance(row["id"], int)
        assert isinstance(row["create_time"], int)
        assert row["status"] in (2, 3)
        assert row["is_audit"] in (0, 1)
        assert row["name"] == "王小美"
    assert sorted(row["status"] for row in rows) == [2, 2, 3]
    assert sum(row["is_audit"] for row in rows) == 1
    assert {row["tel"] for row in rows} == {"13800000001", "13800000002"}


def test_record_lists_completed_visits(patient):
    body = assert_envelope(patient.get("/Wx/Personal/record"), 200)

    rows = body["data"]
    assert len(rows) == 2
    for row in rows:
        assert list(row) == ["id", "name", "status", "hospital_name", "tel", "expert_name"]
        assert row["status"] == 4
        assert isinstance(row["id"], int)
    assert rows[0]["hospital_name"] == "市妇幼保健院东院"


def test_goods_lists_claims_with_int_ids(patient):
    body = assert_envelope(patient.get("/Wx/Personal/goods"), 200)

    rows = body["data"]
    assert [row["status"] for row in rows] == [1, 2]
    for row in rows:
        assert list(row) == ["id", "name", "status", "create_time", "tel", "address", "goods_name"]
        assert isinstance(row["id"], int)
        assert isinstance(row["create_time"], int)
    assert rows[0]["goods_name"] == "当归黄芪乌鸡汤包"
    assert rows[0]["address"] == "人民路 100 号 3 栋 201"


def test_report_returns_scores(patient):
    body = assert_envelope(patient.get("/Wx/Personal/report"), 200)

    assert body["data"] == {"front_score": 86, "in_score": 92, "after_score": 78, "recovery_score": 88, "score": 344}


def test_report_unpublished_is_null(client):
    log_in(client, PATIENT_WITHOUT_RECORDS)

    body = assert_envelope(client.get("/Wx/Personal/report"), 200)

    assert body["data"] is None
    assert "还没有发布" in body["msg"]


def test_lists_empty_for_new_follower(client):
    log_in(client, PATIENT_WITHOUT_RECORDS)

    for path in ("order", "record", "goods"):
        body = assert_envelope(client.get(f"/Wx/Personal/{path}"), 200)
        assert body["data"] == [], path


def test_details_returns_seed_fields(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID)[0]

    body = assert_envelope(patient.get("/Wx/Personal/details", query_string={"id": appointment_id}), 200)

    data = body["data"]
    assert list(data) == ["id", "reg_sn", "name", "status", "bespeak_time", "weight", "height", "img", "expert_name", "category_name"]
    assert data["id"] == appointment_id
    assert isinstance(data["reg_sn"], str) and data["reg_sn"].startswith("MTD")
    assert data["name"] == "王小美"
    assert data["status"] == 2
    assert isinstance(data["bespeak_time"], int)
    assert (data["weight"], data["height"]) == (58, 162)
    assert data["img"] == ""
    assert data["expert_name"] == "张丽华"
    assert data["category_name"] == "产科"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "缺少预约编号，请返回预约列表重新打开。"),
        ({"id": ""}, "缺少预约编号，请返回预约列表重新打开。"),
        ({"id": "abc"}, "预约编号无效，请返回预约列表重新打开。"),
        ({"id": "0"}, "预约编号无效，请返回预约列表重新打开。"),
        ({"id": "-3"}, "预约编号无效，请返回预约列表重新打开。"),
        ({"id": "1.5"}, "预约编号无效，请返回预约列表重新打开。"),
        ({"id": "99999999999999999999"}, "预约编号无效，请返回预约列表重新打开。"),
    ],
)
def test_details_rejects_invalid_id(patient, query, message):
    body = assert_envelope(patient.get("/Wx/Personal/details", query_string=query), 400)

    assert body["msg"] == message
    assert body["data"] is None


def test_details_unknown_id_is_404(patient):
    body = assert_envelope(patient.get("/Wx/Personal/details", query_string={"id": 987654}), 404)

    assert body["msg"] == "没有找到这个预约，请返回预约列表刷新后再试。"


def test_save_changes_name_and_time(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]
    booked = int(time.time()) + 5 * 86400

    response = patient.post(
        "/Wx/Personal/save",
        data={"id": str(appointment_id), "name": "  王小美（代）  ", "bespeak_time": str(booked)},
        headers={"X-CSRF-Token": api_token(patient)},
    )

    body = assert_envelope(response, 200)
    assert body["data"] == {"id": appointment_id, "name": "王小美（代）", "bespeak_time": booked}
    saved = load_appointment(web_app, appointment_id)
    assert (saved.name, saved.bespeak_time) == ("王小美（代）", booked)


def test_save_accepts_json_body(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID)[0]
    booked = int(time.time()) + 86400

    response = patient.post(
        "/Wx/Personal/save",
        json={"id": appointment_id, "name": "王小美", "bespeak_time": booked},
        headers={"X-CSRF-Token": api_token(patient)},
    )

    assert assert_envelope(response, 200)["data"]["bespeak_time"] == booked
    assert load_appointment(web_app, appointment_id).bespeak_time == booked


def test_save_rejects_json_that_is_not_an_object(patient):
    response = patient.post("/Wx/Personal/save", data="[1, 2]", content_type="application/json", headers={"X-CSRF-Token": api_token(patient)})

    body = assert_envelope(response, 400)
    assert body["msg"] == "提交的内容格式不正确，请刷新页面后重试。"


def test_save_rejects_broken_json(patient):
    response = patient.post("/Wx/Personal/save", data="{id: 1", content_type="application/json", headers={"X-CSRF-Token": api_token(patient)})

    assert assert_envelope(response, 400)["msg"] == "提交的内容格式不正确，请刷新页面后重试。"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (AppointmentStatus.CLOSED, "该预约已关闭，不能再修改。如需就诊，请重新预约或联系导诊。"),
        (AppointmentStatus.COMPLETED, "该预约已完成就诊，不能再修改。"),
    ],
)
def test_save_refuses_closed_and_completed(web_app, patient, status, message):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, status)[0]
    before = load_appointment(web_app, appointment_id)

    response = patient.post(
        "/Wx/Personal/save",
        data={"id": appointment_id, "name": "改名", "bespeak_time": int(time.time()) + 86400},
        headers={"X-CSRF-Token": api_token(patient)},
    )

    assert assert_envelope(response, 409)["msg"] == message
    after = load_appointment(web_app, appointment_id)
    assert (after.name, after.bespeak_time, after.update_time) == (before.name, before.bespeak_time, before.update_time)


def test_audit_marks_unpaid_appointment(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]
    started = int(time.time())

    response = patient.post("/Wx/Personal/audit", data={"id": appointment_id}, headers={"X-CSRF-Token": api_token(patient)})

    body = assert_envelope(response, 200)
    assert body["msg"] == "已提交支付审核申请，工作人员审核后会通知您。"
    assert body["data"]["id"] == appointment_id
    assert body["data"]["is_audit"] == 1
    assert body["data"]["audit_time"] >= started
    saved = load_appointment(web_app, appointment_id)
    assert (saved.is_audit, saved.audit_time) == (1, body["data"]["audit_time"])


def test_audit_again_is_harmless(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=1)[0]
    before = load_appointment(web_app, appointment_id)

    response = patient.post("/Wx/Personal/audit", json={"id": appointment_id}, headers={"X-CSRF-Token": api_token(patient)})

    body = assert_envelope(response, 200)
    assert body["msg"] == "您已申请过支付审核，请耐心等待工作人员审核。"
    assert body["data"]["audit_time"] == before.audit_time
    assert load_appointment(web_app, appointment_id).audit_time == before.audit_time


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (AppointmentStatus.PAID, "该预约已付款，无需申请支付审核。"),
        (AppointmentStatus.CLOSED, "该预约已关闭，不能申请支付审核。如需就诊，请重新预约。"),
        (AppointmentStatus.COMPLETED, "该预约已完成就诊，无需申请支付审核。"),
    ],
)
def test_audit_refuses_other_statuses(web_app, patient, status, message):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, status)[0]

    response = patient.post("/Wx/Personal/audit", data={"id": appointment_id}, headers={"X-CSRF-Token": api_token(patient)})

    assert assert_envelope(response, 409)["msg"] == message
    saved = load_appointment(web_app, appointment_id)
    assert (saved.is_audit, saved.audit_time) == (0, 0)


@pytest.mark.parametrize(("body", "message"), [({}, "缺少预约编号，请返回预约列表重新打开。"), ({"id": "x"}, "预约编号无效，请返回预约列表重新打开。")])
def test_audit_rejects_invalid_id(patient, body, message):
    response = patient.post("/Wx/Personal/audit", data=body, headers={"X-CSRF-Token": api_token(patient)})

    assert assert_envelope(response, 400)["msg"] == message


def test_audit_json_true_is_not_id_1(patient):
    response = patient.post("/Wx/Personal/audit", json={"id": True}, headers={"X-CSRF-Token": api_token(patient)})

    assert assert_envelope(response, 400)["msg"] == "预约编号无效，请返回预约列表重新打开。"


@pytest.mark.parametrize("path", READ_PATHS + ["csrf"])
def test_read_without_login_is_401(client, path):
    body = assert_envelope(client.get(f"/Wx/Personal/{path}"), 401)

    assert body["msg"] == "登录已过期，请从公众号菜单重新进入个人中心。"


@pytest.mark.parametrize("path", ["save", "audit"])
def test_write_without_login_is_401(client, path):
    assert_envelope(client.post(f"/Wx/Personal/{path}", data={"id": 1}), 401)


@pytest.mark.parametrize("token", [None, "forged-token"])
@pytest.mark.parametrize("path", ["save", "audit"])
def test_write_without_csrf_token_is_403(web_app, patient, path, token):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]
    headers = {"X-CSRF-Token": token} if token else {}

    response = patient.post(
        f"/Wx/Personal/{path}",
        data={"id": appointment_id, "name": "改名", "bespeak_time": int(time.time()) + 3600},
        headers=headers,
    )

    assert assert_envelope(response, 403)["msg"] == "页面已过期，请刷新页面后重试。"
    saved = load_appointment(web_app, appointment_id)
    assert (saved.name, saved.is_audit) == ("王小美", 0)


def test_csrf_token_works_as_form_field(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]

    response = patient.post("/Wx/Personal/audit", data={"id": appointment_id, "csrf_token": api_token(patient)})

    assert_envelope(response, 200)


@pytest.mark.parametrize("path", ["save", "audit"])
def test_write_by_get_is_405(patient, path):
    assert_envelope(patient.get(f"/Wx/Personal/{path}"), 405)


def test_read_by_post_is_405(patient):
    assert_envelope(patient.post("/Wx/Personal/order", headers={"X-CSRF-Token": api_token(patient)}), 405)


def test_unknown_action_is_404(patient):
    assert_envelope(patient.get("/Wx/Personal/delete"), 404)


def test_oversized_body_is_413(patient):
    response = patient.post(
        "/Wx/Personal/save", data={"name": "x" * 70_000}, headers={"X-CSRF-Token": api_token(patient)}
    )

    assert assert_envelope(response, 413)["msg"] == "提交的内容太多，请精简后重试。"


def test_server_error_is_500_envelope(web_app, patient):
    # A table missing from the database plays any unexpected failure:
    # the patient must still get the envelope, never Flask's HTML error page.
    web_app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)
    engine = web_app.extensions["personal_center"].engine
    with engine.begin() as connection:
        connection.execute(text("RENAME TABLE mtd_hospital TO mtd_hospital_away"))
    try:
        response = patient.get("/Wx/Personal/order")
    finally:
        with engine.begin() as connection:
            connection.execute(text("RENAME TABLE mtd_hospital_away TO mtd_hospital"))

    body = assert_envelope(response, 500)
    assert body["msg"] == "系统暂时繁忙，请稍后再试。"
    assert body["data"] is None


def test_api_answers_carry_security_headers(patient):
    response = patient.get("/Wx/Personal/info")

    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_unpaid_only_patient_sees_one_order(client):
    log_in(client, PATIENT_UNPAID_ONLY)

    rows = assert_envelope(client.get("/Wx/Personal/order"), 200)["data"]

    assert [(row["name"], row["status"]) for row in rows] == [("陈静", 2)]
