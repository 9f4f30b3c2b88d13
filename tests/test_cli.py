"""run.py commands as a newcomer uses them: init-db --demo, serve, chat."""

import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from bot.app import create_app
from bot.config import PROJECT_ROOT
from bot.db import make_engine
from models import Base
from sqlalchemy import inspect


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "run.py", *args],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_init_db_demo_twice(sqlite_url):
    first = run_cli("init-db", "--demo", env={"DATABASE_URL": sqlite_url})
    second = run_cli("init-db", "--demo", env={"DATABASE_URL": sqlite_url})

    assert first.returncode == 0, first.stderr
    assert "已载入演示数据" in first.stdout
    assert "oDemoWangXiaomei000000000001" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "演示数据已存在，未重复载入" in second.stdout


def test_init_db_on_mysql_creates_every_table(mariadb):
    engine = make_engine(mariadb.url)
    result = run_cli("init-db", env={"DATABASE_URL": mariadb.url})

    tables = set(inspect(engine).get_table_names())
    engine.dispose()

    assert result.returncode == 0, result.stderr
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


@pytest.fixture
def running_server(sqlite_url) -> Iterator[str]:
    assert run_cli("init-db", "--demo", env={"DATABASE_URL": sqlite_url}).returncode == 0

    from tests.conftest import make_settings

    settings = make_settings(sqlite_url)
    server = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.mark.parametrize("mode", [[], ["--safe"]], ids=["plaintext", "safe"])
@pytest.mark.parametrize("message", [["--click", "MY_APPOINTMENTS"], ["--text", "我的预约"]], ids=["click", "keyword"])
def test_chat_shows_appointments(running_server, message, mode):
    result = run_cli("chat", "--url", running_server, *message, *mode, env={})

    assert result.returncode == 0, result.stderr
    assert "您有 3 个预约" in result.stdout
    assert "王小美｜待付款（已申请支付审核）" in result.stdout


def test_chat_interactive_session(running_server):
    script = "/user 3\n我的成绩单\n/safe\n/m 1\n/quit\n"

    result = subprocess.run(
        [sys.executable, "run.py", "chat", "--url", running_server],
        cwd=PROJECT_ROOT,
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "当前用户 oDemoChenJing000000000000003" in result.stdout
    assert "总成绩：175" in result.stdout
    assert "安全模式（加密）" in result.stdout
    assert "陈静｜待付款" in result.stdout


def test_chat_without_server():
    result = run_cli("chat", "--url", "http://127.0.0.1:9", "--text", "1", env={})

    assert result.returncode == 1
    assert "请先在另一个终端运行 python run.py serve" in result.stderr


def test_serve_refuses_public_host_with_local_settings(sqlite_url):
    result = run_cli("serve", "--host", "0.0.0.0", "--port", "5999", env={"DATABASE_URL": sqlite_url})

    assert result.returncode == 2
    assert "serve error: --host 0.0.0.0 would expose" in result.stderr
