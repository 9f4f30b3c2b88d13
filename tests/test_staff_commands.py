"""The staff commands as staff run them: `run.py review`, `remind` and `notify`, output in Chinese."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db import transaction
from bot.demo import demo_day
from models import AuditState, Register


@pytest.fixture
def staff_env(inline_services, sandbox, monkeypatch):
    """Point run.py at the test database and the sandbox, with no Redis (notices sent inline)."""
    monkeypatch.delenv("PERSONAL_CENTER_CONFIG", raising=False)
    monkeypatch.setenv("DATABASE_URL", inline_services.settings.database.url)
    monkeypatch.setenv("REDIS_URL", "")
    monkeypatch.setenv("WECHAT_API_BASE_URL", sandbox.url)
    monkeypatch.setenv("WECHAT_RETRY_BACKOFF_MS", "0")
    return inline_services


def test_review_approve_prints_new_status(staff_env, capsys):
    with transaction(staff_env.sessions) as session:
        appointment_id = session.scalar(select(Register.id).where(Register.is_audit == AuditState.REQUESTED))

    code = main(["review", str(appointment_id), "--approve"])

    output = capsys.readouterr().out
    assert code == 0
    assert f"预约 {appointment_id} 已审核通过，状态改为已付款。" in output
    assert "已发送：1" in output


def test_review_twice_reports_earlier_decision(staff_env, capsys):
    with transaction(staff_env.sessions) as session:
        appointment_id = session.scalar(select(Register.id).where(Register.is_audit == AuditState.REQUESTED))
    main(["review", str(appointment_id), "--approve"])
    capsys.readouterr()

    code = main(["review", str(appointment_id), "--approve"])

    output = capsys.readouterr().out
    assert code == 0
    assert "此前已处理" in output
    assert "此前已发送（未重复发送）：1" in output


def test_remind_prints_summary(staff_env, capsys):
    day = demo_day().date().isoformat()

    first = main(["remind", "--date", day, "--no-progress"])
    second = main(["remind", "--date", day, "--no-progress"])

    output = capsys.readouterr().out
    assert first == 0
    assert second == 0
    assert f"{day} 就诊提醒：共 2 条" in output
    assert "已发送：2" in output
    assert "此前已发送（未重复发送）：2" in output


def test_remind_rejects_past_date(staff_env, capsys):
    code = main(["remind", "--date", "2020-01-01"])

    assert code == 2
    assert "已经过去" in capsys.readouterr().out


def test_remind_rejects_malformed_date(staff_env, capsys):
    with pytest.raises(SystemExit):
        main(["remind", "--date", "12/05"])

    assert "请按 YYYY-MM-DD 填写" in capsys.readouterr().err


def test_notify_unknown_appointment(staff_env, capsys):
    code = main(["notify", "appointment", "999999"])

    assert code == 1
    assert "预约 999999 不存在，请核对预约编号。" in capsys.readouterr().out


def test_notify_without_id_explains_usage(staff_env, capsys):
    code = main(["notify", "mailed"])

    assert code == 2
    assert "python run.py notify mailed 12" in capsys.readouterr().out


@pytest.mark.parametrize("raw", ["99999999999999999999", "²", "-3", "abc"])
def test_review_rejects_invalid_id(staff_env, capsys, raw):
    with pytest.raises(SystemExit):
        main(["review", raw, "--approve"])

    assert "不是有效的编号，请输入正整数，例如 12" in capsys.readouterr().err
