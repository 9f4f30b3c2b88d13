"""`run.py chat` shows the template cards a patient received, read from the sandbox."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from bot.app import create_app
from bot.cli import main
from bot.db import transaction
from bot.demo import PATIENT_WITH_EVERYTHING, demo_day
from notices.batch import send_batch
from notices.staff import Context, prepare_reminders


@pytest.fixture
def server(inline_services):
    """The app serving /wechat on 127.0.0.1, as `run.py serve` would."""
    app = create_app(services=inline_services)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def chat_env(inline_services, sandbox, monkeypatch):
    monkeypatch.delenv("PERSONAL_CENTER_CONFIG", raising=False)
    monkeypatch.setenv("DATABASE_URL", inline_services.settings.database.url)
    monkeypatch.setenv("REDIS_URL", "")
    monkeypatch.setenv("WECHAT_API_BASE_URL", sandbox.url)


def send_reminders(services) -> None:
    with transaction(services.sessions) as session:
        recorded = prepare_reminders(session, Context(links=services.links, settings=services.settings.notices), demo_day().date())
    send_batch(services, recorded, wait_seconds=0, show_progress=False)


def test_chat_prints_reminder_card_once(inline_services, server, chat_env, capsys):
    send_reminders(inline_services)

    assert main(["chat", "--url", server, "--text", "帮助"]) == 0

    output = capsys.readouterr().out
    assert output.count("【模板消息】就诊提醒") == 1
    assert "就诊人：王小美" in output
    assert f"时间：{demo_day():%Y年%m月%d日} 09:30" in output


def test_chat_cards_command_lists_all(inline_services, server, chat_env, capsys, monkeypatch):
    send_reminders(inline_services)
    monkeypatch.setattr("builtins.input", _inputs(["/cards", "/quit"]))

    assert main(["chat", "--url", server, "--openid", PATIENT_WITH_EVERYTHING]) == 0

    output = capsys.readouterr().out
    assert "当前患者已收到 1 条模板消息" in output
    assert "导诊电话：13800000001" in output


def _inputs(lines: list[str]):
    remaining = iter(lines)
    return lambda prompt="": next(remaining)
