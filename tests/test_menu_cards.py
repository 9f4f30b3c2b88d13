"""Menu answers as template cards: text, card or both per menu key, sent after the passive reply."""

from __future__ import annotations

import dataclasses

import pytest

from bot.app import create_app
from bot.config import MenuReplySettings
from bot.demo import PATIENT_WITH_EMOJI, PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from bot.simulator import Simulator
from handlers import menu_keys
from tests.wechat import CallbackClient


def make_wechat(services, **modes) -> CallbackClient:
    settings = dataclasses.replace(services.settings, menu_reply=MenuReplySettings(**modes))
    app = create_app(services=dataclasses.replace(services, settings=settings))
    app.config.update(TESTING=True)
    return CallbackClient(app.test_client(), Simulator(settings.wechat))


def cards(sandbox, openid: str) -> list[dict]:
    with sandbox.app.app_context():
        return [message for message in sandbox.state.store.get("template_messages", []) if message["touser"] == openid]


def test_card_mode_replaces_text(inline_services, sandbox):
    wechat = make_wechat(inline_services, my_report="card")

    reply = wechat.click(PATIENT_WITH_EVERYTHING, menu_keys.MY_REPORT)

    assert reply.status == 200
    assert reply.body == "success"
    received = cards(sandbox, PATIENT_WITH_EVERYTHING)
    assert len(received) == 1
    assert received[0]["data"]["number2"]["value"] == "344"
    assert received[0]["url"].endswith("/h5/report")


def test_both_mode_sends_text_and_cards(inline_services, sandbox):
    wechat = make_wechat(inline_services, my_appointments="both")

    reply = wechat.click(PATIENT_WITH_EVERYTHING, menu_keys.MY_APPOINTMENTS)

    assert "您有 3 个预约" in reply.content
    received = cards(sandbox, PATIENT_WITH_EVERYTHING)
    assert len(received) == 3
    assert {card["data"]["thing1"]["value"] for card in received} == {"王小美"}


def test_text_mode_sends_no_card(inline_services, sandbox):
    wechat = make_wechat(inline_services)

    reply = wechat.click(PATIENT_WITH_EVERYTHING, menu_keys.MY_REPORT)

    assert "总成绩：344" in reply.content
    assert cards(sandbox, PATIENT_WITH_EVERYTHING) == []


def test_card_mode_without_rows_falls_back_to_text(inline_services, sandbox):
    wechat = make_wechat(inline_services, my_claims="card")

    reply = wechat.click(PATIENT_WITHOUT_RECORDS, menu_keys.MY_CLAIMS)

    assert "您还没有药膳领取记录" in reply.content
    assert cards(sandbox, PATIENT_WITHOUT_RECORDS) == []


def test_claim_cards_show_mailed_packs_only(inline_services, sandbox):
    wechat = make_wechat(inline_services, my_claims="card")

    wechat.click(PATIENT_WITH_EMOJI, menu_keys.MY_CLAIMS)

    received = cards(sandbox, PATIENT_WITH_EMOJI)
    assert len(received) == 1
    assert received[0]["data"]["character_string3"]["value"] == "ZT7788990011"


def test_retried_click_sends_cards_once(inline_services, sandbox):
    wechat = make_wechat(inline_services, my_report="card")
    signed = wechat.simulator.request(_click_xml(PATIENT_WITH_EVERYTHING, menu_keys.MY_REPORT))

    wechat.send(signed)
    wechat.send(signed)

    assert len(cards(sandbox, PATIENT_WITH_EVERYTHING)) == 1


def _click_xml(openid: str, key: str) -> str:
    from bot.simulator import make_click

    return make_click(openid, key, create_time=1_790_000_000)


@pytest.mark.parametrize("key", ["my_visits", "guide_tel", "help"])
def test_cards_only_for_keys_with_templates(key):
    from bot.config import ConfigError
    from bot.settings_notices import validate_menu_reply

    with pytest.raises(ConfigError, match=f"menu_reply.{key} has no template card"):
        validate_menu_reply(MenuReplySettings(**{key: "card"}))
