"""The H5 pages through Flask's test client: content, forms, refusals, headers, care mode."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.demo import PATIENT_UNPAID_ONLY, PATIENT_WITH_EMOJI, PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from bot.texts import CLINIC_TIMEZONE
from models import AppointmentStatus
from tests.web_helpers import appointment_ids, form_token, load_appointment, log_in

pytestmark = pytest.mark.usefixtures("web_demo")


@pytest.fixture
def patient(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EVERYTHING)
    return client


def in_days(days: int, hour: int = 10) -> datetime:
    moment = datetime.now(CLINIC_TIMEZONE) + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_home_shows_counts_and_badges(patient):
    page = patient.get("/h5/")

    assert page.status_code == 200
    assert "小美" in page.text
    assert 'data-testid="badge-unpaid">2<' in page.text
    assert "已付款 1" in page.text
    assert "2 次" in page.text
    assert "已发布" in page.text


def test_home_of_new_follower(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITHOUT_RECORDS)

    page = client.get("/h5/")

    assert "微信用户" in page.text
    assert "未发布" in page.text
    assert "badge-unpaid" not in page.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/h5/appointments", "您目前没有待付款或已付款的预约。"),
        ("/h5/appointments?tab=paid", "没有已付款的预约。"),
        ("/h5/visits", "您还没有就诊记录。"),
        ("/h5/claims", "您还没有药膳领取记录。"),
        ("/h5/report", "您的成绩单还没有发布。"),
    ],
)
def test_empty_lists_say_so(web_app, path, message):
    client = web_app.test_client()
    log_in(client, PATIENT_WITHOUT_RECORDS)

    page = client.get(path)

    assert page.status_code == 200
    assert 'data-testid="empty-state"' in page.text
    assert message in page.text


def test_appointment_tabs_filter(patient):
    unpaid = patient.get("/h5/appointments?tab=unpaid").text
    paid = patient.get("/h5/appointments?tab=paid").text
    everything = patient.get("/h5/appointments?tab=bogus").text

    assert unpaid.count('data-testid="appointment"') == 2
    assert paid.count('data-testid="appointment"') == 1
    assert everything.count('data-testid="appointment"') == 3
    assert "已申请支付审核" in unpaid


def test_claims_show_courier_when_mailed(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_WITH_EMOJI)

    page = client.get("/h5/claims").text

    assert "已邮寄" in page
    assert "中通快递 ZT7788990011" in page


def test_report_draws_bars(web_app):
    client = web_app.test_client()
    log_in(client, PATIENT_UNPAID_ONLY)

    page = client.get("/h5/report").text

    assert 'data-testid="total-score">175<' in page
    assert page.count("<rect ") == 4
    assert "孕前 90，孕中 85，产后 暂无，康复 暂无" in page


def test_details_shows_preview_and_steps(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=1)[0]

    page = patient.get(f"/h5/appointments/{appointment_id}").text

    assert "weui-form-preview" in page
    assert "待付款（已申请支付审核）" in page
    assert "已申请支付审核（" in page
    assert "申请支付审核</a>" not in page
    assert "修改预约" in page


def test_details_of_closed_has_no_edit(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.CLOSED)[0]

    page = patient.get(f"/h5/appointments/{appointment_id}").text

    assert "已关闭" in page
    assert "修改预约" not in page


def test_edit_form_limits_picker_to_window(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]

    page = patient.get(f"/h5/appointments/{appointment_id}/edit").text

    latest = (datetime.now(CLINIC_TIMEZONE) + timedelta(days=30)).strftime("%Y-%m-%d")
    assert 'type="datetime-local"' in page
    assert f'max="{latest}T' in page
    assert 'maxlength="20"' in page


def test_edit_form_shows_inline_error(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]
    form = patient.get(f"/h5/appointments/{appointment_id}/edit").text
    past = in_days(-1).strftime("%Y-%m-%dT%H:%M")

    page = patient.post(f"/h5/appointments/{appointment_id}/edit", data={"csrf_token": form_token(form), "name": "王小美", "bespeak_time": past})

    assert page.status_code == 400
    assert "预约时间已经过去，请选择之后的时间。" in page.text
    assert "weui-cell_warn" in page.text
    assert f'value="{past}"' in page.text


def test_edit_saves_and_shows_result(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]
    form = patient.get(f"/h5/appointments/{appointment_id}/edit").text
    moment = in_days(6, hour=15)

    saved = patient.post(
        f"/h5/appointments/{appointment_id}/edit",
        data={"csrf_token": form_token(form), "name": "王小美", "bespeak_time": moment.strftime("%Y-%m-%dT%H:%M")},
    )

    assert saved.status_code == 302
    assert saved.location == f"/h5/appointments/{appointment_id}/done/saved"
    result = patient.get(saved.location).text
    assert "预约信息已保存" in result
    assert moment.strftime("%Y-%m-%d %H:%M") in result
    assert load_appointment(web_app, appointment_id).bespeak_time == int(moment.timestamp())


def test_edit_of_completed_refused(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.COMPLETED)[0]

    page = patient.get(f"/h5/appointments/{appointment_id}/edit")

    assert page.status_code == 409
    assert "该预约已完成就诊，不能再修改。" in page.text


def test_audit_confirm_page_then_result(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]
    confirm = patient.get(f"/h5/appointments/{appointment_id}/audit")
    assert "确定申请吗" in confirm.text

    sent = patient.post(f"/h5/appointments/{appointment_id}/audit", data={"csrf_token": form_token(confirm.text)})
    again = patient.post(f"/h5/appointments/{appointment_id}/audit", data={"csrf_token": form_token(confirm.text)})

    assert sent.location == f"/h5/appointments/{appointment_id}/done/audit"
    assert "支付审核申请已提交" in patient.get(sent.location).text
    assert again.location == f"/h5/appointments/{appointment_id}/done/audit-again"
    assert "您已申请过支付审核" in patient.get(again.location).text
    assert load_appointment(web_app, appointment_id).is_audit == 1


def test_audit_of_paid_refused(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.PAID)[0]

    page = patient.get(f"/h5/appointments/{appointment_id}/audit")

    assert page.status_code == 409
    assert "该预约已付款，无需申请支付审核。" in page.text


def test_page_post_without_token_refused(web_app, patient):
    appointment_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]

    page = patient.post(f"/h5/appointments/{appointment_id}/audit")

    assert page.status_code == 403
    assert "页面已过期，请刷新页面后重试。" in page.text
    assert load_appointment(web_app, appointment_id).is_audit == 0


def test_unknown_page_is_weui_404(patient):
    page = patient.get("/h5/nowhere")

    assert page.status_code == 404
    assert "weui-msg" in page.text
    assert "没有找到您要的内容" in page.text


def test_pages_carry_security_headers(patient):
    response = patient.get("/h5/appointments")

    headers = response.headers
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_care_mode_is_remembered(patient):
    token = form_token(patient.get("/h5/").text)

    switched = patient.post("/h5/care", data={"csrf_token": token, "care": "on", "next": "/h5/visits"})

    assert switched.location == "/h5/visits"
    assert 'data-weui-mode="care"' in patient.get("/h5/visits").text
    assert 'data-weui-mode="care"' in patient.get("/h5/").text
    patient.post("/h5/care", data={"csrf_token": token, "care": "off", "next": "/h5/"})
    assert 'data-weui-mode="care"' not in patient.get("/h5/").text


def test_dev_login_rejects_unlisted_openid(web_app):
    client = web_app.test_client()
    token = form_token(client.get("/h5/dev-login").text)

    response = client.post("/h5/dev-login", data={"csrf_token": token, "openid": "oSomeoneNotListed"})

    assert response.status_code == 400
    assert "请从列表中选择一位患者。" in response.text
