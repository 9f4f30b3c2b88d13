"""Prove that the throwaway servers in tests/servers.py start, serve and stop."""

import os

import pytest
import redis
import sqlalchemy

from tests.servers import MariaDBServer, RedisServer, ServerError, find_binary

# Four-byte characters (emoji, a CJK Extension B ideograph) beside common Chinese
# text, because a utf8mb3 column rejects or mangles exactly these.
UTF8MB4_TEXT = "产检提醒 🤰👶 𠀀 done"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def assert_stopped(server, pid: int, tmpdir) -> None:
    assert server.process is None
    assert not pid_alive(pid), f"pid {pid} still runs after stop()"
    assert not tmpdir.exists(), f"{tmpdir} was left behind"


@pytest.mark.mysql
def test_mariadb_round_trips_utf8mb4_and_stops():
    server = MariaDBServer().start()
    pid, tmpdir = server.pid, server.tmpdir
    try:
        assert server.url == (
            f"mysql+pymysql://root@127.0.0.1:{server.port}/personal_center_test?charset=utf8mb4"
        )
        conn = server.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(
                    "CREATE TABLE note (id INT AUTO_INCREMENT PRIMARY KEY, body TEXT NOT NULL)"
                )
                cur.execute("INSERT INTO note (body) VALUES (%s)", (UTF8MB4_TEXT,))
                conn.commit()
                cur.execute("SELECT body FROM note")
                assert cur.fetchone() == (UTF8MB4_TEXT,)
                cur.execute(
                    "SELECT default_character_set_name, default_collation_name "
                    "FROM information_schema.schemata WHERE schema_name = %s",
                    (server.database,),
                )
                assert cur.fetchone() == ("utf8mb4", "utf8mb4_unicode_ci")
        finally:
            conn.close()
    finally:
        server.stop()
    assert_stopped(server, pid, tmpdir)


@pytest.mark.mysql
def test_mariadb_url_works_with_sqlalchemy():
    with MariaDBServer() as server:
        engine = sqlalchemy.create_engine(server.url)
        try:
            with engine.connect() as conn:
                echoed = conn.execute(sqlalchemy.text("SELECT :t"), {"t": UTF8MB4_TEXT})
                assert echoed.scalar_one() == UTF8MB4_TEXT
        finally:
            engine.dispose()


@pytest.mark.redis
def test_redis_set_get_and_stops():
    server = RedisServer().start()
    pid, tmpdir = server.pid, server.tmpdir
    try:
        assert server.url == f"redis://127.0.0.1:{server.port}/0"
        client = redis.Redis.from_url(server.url, socket_timeout=5)
        try:
            client.set("reminder:42", UTF8MB4_TEXT, ex=60)
            assert client.get("reminder:42").decode("utf-8") == UTF8MB4_TEXT
        finally:
            client.close()
    finally:
        server.stop()
    assert_stopped(server, pid, tmpdir)


def test_missing_binary_names_the_debian_package(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("tests.servers.EXTRA_BIN_DIRS", ("/nonexistent",))
    with pytest.raises(ServerError, match="apt-get install redis-server"):
        find_binary("redis-server-that-is-not-there", "redis-server")
