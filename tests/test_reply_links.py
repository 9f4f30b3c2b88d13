"""Links in the bot's replies go through the H5 login entry and land on the right page."""

from __future__ import annotations

import re

import pytest

from bot.demo import PATIENT_WITH_EVERYTHING
from bot.links import Links
from tests.conftest import BASE_URL


def test_links_go_through_login_entry():
    links = Links("https://wx.example.com")

    assert links.h5("/h5/appointments/3") == "https://wx.example.com/h5/auth?next=/h5/appointments/3"
    assert links.h5("/h5/appointments", tab="unpaid") == "https://wx.example.com/h5/auth?next=/h5/appointments%3Ftab%3Dunpaid"


@pytest.mark.usefixtures("demo")
def test_appointment_reply_links_to_details(app, wechat):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, "我的预约")

    hrefs = re.findall(r'<a href="([^"]+)">查看详情</a>', reply.content)
    assert len(hrefs) == 3
    for href in hrefs:
        assert re.fullmatch(rf"{re.escape(BASE_URL)}/h5/auth\?next=/h5/appointments/\d+", href)
