"""A patient's visit to the H5 personal center in headless Chromium, from dev login to the bot's next answer.

Screenshots land in test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from bot.demo import PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from bot.texts import CLINIC_TIMEZONE
from models import AppointmentStatus
from tests.browser import PHONE_VIEWPORT, SCREENSHOTS, LiveServer
from tests.web_helpers import appointment_ids, load_appointment

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("web_demo")]


@pytest.fixture
def server(web_app):
    with LiveServer(web_app) as live:
        yield live


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in_as(page, server, openid: str, start: str = "/h5/") -> None:
    page.goto(f"{server.url}{start}")
    assert "/h5/dev-login" in page.url
    page.locator(f'button[data-openid="{openid}"]').click()
    page.wait_for_url(f"{server.url}{start}")


def test_patient_edits_and_asks_for_review(web_app, server, page, wechat):
    unpaid_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]

    page.goto(f"{server.url}/h5/appointments")
    page.wait_for_url(re.compile(r".*/h5/dev-login\?next=/h5/appointments$"))
    shoot(page, "01-dev-login")
    page.locator(f'button[data-openid="{PATIENT_WITH_EVERYTHING}"]').click()
    page.wait_for_url(f"{server.url}/h5/appointments")
    assert page.locator('[data-testid="appointment"]').count() == 3
    shoot(page, "03-appointments")

    page.goto(f"{server.url}/h5/")
    assert page.get_by_test_id("nickname").inner_text() == "小美"
    assert page.get_by_test_id("badge-unpaid").inner_text() == "2"
    shoot(page, "02-home")

    page.get_by_test_id("entry-appointments").click()
    page.get_by_role("link", name=re.compile("^待付款")).click()
    page.wait_for_url(re.compile(r".*tab=unpaid$"))
    assert page.locator('[data-testid="appointment"]').count() == 2
    shoot(page, "04-appointments-unpaid")

    for path, name, expected in [
        ("/h5/visits", "05-visits", "共 2 次就诊"),
        ("/h5/claims", "06-claims", "顺丰速运 SF1234567890123"),
        ("/h5/report", "07-report", "344"),
    ]:
        page.goto(f"{server.url}{path}")
        assert expected in page.content()
        shoot(page, name)
    assert page.locator("svg rect").count() == 4

    page.goto(f"{server.url}/h5/appointments/{unpaid_id}")
    shoot(page, "08-details")
    page.get_by_role("link", name="修改预约").click()
    page.wait_for_url(f"{server.url}/h5/appointments/{unpaid_id}/edit")
    moment = (datetime.now(CLINIC_TIMEZONE) + timedelta(days=12)).replace(hour=14, minute=30, second=0, microsecond=0)
    page.fill("#name", "王小美（家属代约）")
    page.fill("#bespeak_time", moment.strftime("%Y-%m-%dT%H:%M"))
    shoot(page, "09-edit")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{server.url}/h5/appointments/{unpaid_id}/done/saved")
    assert page.get_by_test_id("result-title").inner_text() == "预约信息已保存"
    shoot(page, "10-saved")

    page.get_by_role("link", name="查看预约详情").click()
    page.get_by_role("link", name="申请支付审核").click()
    dialog = page.locator("#audit-dialog")
    dialog.locator(".weui-dialog").wait_for(state="visible")
    assert page.url == f"{server.url}/h5/appointments/{unpaid_id}"
    shoot(page, "11-audit-dialog")
    dialog.get_by_role("button", name="确定申请").click()
    page.wait_for_url(f"{server.url}/h5/appointments/{unpaid_id}/done/audit")
    assert page.get_by_test_id("result-title").inner_text() == "支付审核申请已提交"
    shoot(page, "12-audit-sent")

    saved = load_appointment(web_app, unpaid_id)
    assert (saved.name, saved.bespeak_time, saved.is_audit) == ("王小美（家属代约）", int(moment.timestamp()), 1)

    reply = wechat.text(PATIENT_WITH_EVERYTHING, "我的预约")
    entry = next(part for part in reply.content.split("\n\n") if f"/h5/appointments/{unpaid_id}" in part)
    assert "王小美（家属代约）｜待付款（已申请支付审核）" in entry
    assert f"时间：{moment:%Y-%m-%d %H:%M}" in entry


def test_dialog_cancel_keeps_appointment(web_app, server, page):
    unpaid_id = appointment_ids(web_app, PATIENT_WITH_EVERYTHING, AppointmentStatus.UNPAID, is_audit=0)[0]
    log_in_as(page, server, PATIENT_WITH_EVERYTHING, f"/h5/appointments/{unpaid_id}")

    page.get_by_role("link", name="申请支付审核").click()
    page.locator("#audit-dialog .weui-dialog").wait_for(state="visible")
    page.locator("#audit-dialog").get_by_role("button", name="取消").click()

    page.locator("#audit-dialog .weui-dialog").wait_for(state="hidden")
    assert page.url == f"{server.url}/h5/appointments/{unpaid_id}"
    assert load_appointment(web_app, unpaid_id).is_audit == 0


def test_care_mode_and_empty_states(server, page):
    log_in_as(page, server, PATIENT_WITHOUT_RECORDS)

    page.get_by_test_id("care-toggle").click()
    page.wait_for_url(f"{server.url}/h5/")
    assert page.locator("body").get_attribute("data-weui-mode") == "care"
    shoot(page, "13-home-care-mode")

    page.goto(f"{server.url}/h5/appointments")
    assert page.locator("body").get_attribute("data-weui-mode") == "care"
    assert page.get_by_test_id("empty-state").is_visible()
    shoot(page, "14-empty-appointments")
