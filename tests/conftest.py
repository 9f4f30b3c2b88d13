"""Shared fixtures: real MariaDB and Redis servers, apps wired to them, demo data.

The servers start once per test session (once per xdist worker) in
throwaway folders. Every test gets empty tables and an empty Redis database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy import text

from bot.app import create_app
from bot.config import DEMO_APP_ID, DEMO_APP_SECRET, DatabaseSettings, RedisSettings, Settings, SiteSettings
from bot.db import transaction, upgrade_schema
from bot.demo import load_demo_data
from bot.services import Services, services
from bot.simulator import Simulator
from models import Base
from sandbox.server import SandboxServer
from tests.servers import MariaDBServer, RedisServer
from tests.wechat import CallbackClient

BASE_URL = "https://wx.example.test"


@pytest.fixture(scope="session")
def mariadb() -> Iterator[MariaDBServer]:
    server = MariaDBServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mysql_schema(mariadb: MariaDBServer) -> str:
    """Migrate the test database to the latest revision once per session."""
    from bot.db import make_engine

    engine = make_engine(mariadb.url)
    upgrade_schema(engine)
    engine.dispose()
    return mariadb.url


def make_settings(database_url: str, redis_url: str = "", **site: object) -> Settings:
    """Return local test settings; the public base URL is fake but local checks stay relaxed."""
    settings = Settings(
        site=SiteSettings(**site),
        database=DatabaseSettings(url=database_url),
        redis=RedisSettings(url=redis_url),
    )
    return dataclasses.replace(settings, site=dataclasses.replace(settings.site, base_url=BASE_URL))


def _empty_mysql_tables(app_services: Services) -> None:
    with app_services.engine.begin() as connection:
        connection.execute(text("SET FOREIGN_KEY_CHECKS = 0"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(text(f"DELETE FROM {table.name}"))
        connection.execute(text("SET FOREIGN_KEY_CHECKS = 1"))


@pytest.fixture
def mysql_services(mysql_schema: str, redis_server: RedisServer) -> Iterator[Services]:
    """Services on the real MariaDB and Redis servers, with empty tables and keys."""
    app_services = Services.build(make_settings(mysql_schema, redis_server.url))
    _empty_mysql_tables(app_services)
    app_services.redis.flushdb()
    yield app_services
    app_services.engine.dispose()
    app_services.redis.close()


@pytest.fixture
def sqlite_services(tmp_path) -> Iterator[Services]:
    """Services on the embedded defaults: a fresh SQLite file and the in-process Redis stand-in."""
    app_services = Services.build(make_settings(f"sqlite:///{tmp_path / 'test.db'}"))
    Base.metadata.create_all(app_services.engine)
    yield app_services
    app_services.engine.dispose()


@pytest.fixture(params=["mysql", "sqlite"])
def any_services(request) -> Services:
    """Run a test on MariaDB with real Redis, then on SQLite with the stand-in."""
    return request.getfixturevalue(f"{request.param}_services")


@pytest.fixture
def app(mysql_services: Services):
    """The application on real MariaDB and Redis: the production set-up."""
    application = create_app(services=mysql_services)
    application.config.update(TESTING=True)
    return application


@pytest.fixture
def demo(app) -> None:
    with transaction(services(app).sessions) as session:
        load_demo_data(session)


@pytest.fixture
def wechat(app) -> CallbackClient:
    """A client that posts signed WeChat callbacks to the app."""
    return CallbackClient(app.test_client(), Simulator(services(app).settings.wechat))


@pytest.fixture
def redis_client(mysql_services: Services) -> redis.Redis:
    return mysql_services.redis


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A fake WeChat API on 127.0.0.1 for the demo account's AppID and AppSecret."""
    server = SandboxServer(DEMO_APP_ID, DEMO_APP_SECRET).start()
    yield server
    server.stop()


LOCAL_BASE_URL = "http://127.0.0.1:5000"


@pytest.fixture
def web_app(mysql_services: Services):
    """The application with the dev login on, as `run.py serve` runs it on a developer's machine."""
    site = dataclasses.replace(mysql_services.settings.site, base_url=LOCAL_BASE_URL, dev_login=True)
    settings = dataclasses.replace(mysql_services.settings, site=site)
    application = create_app(services=dataclasses.replace(mysql_services, settings=settings))
    application.config.update(TESTING=True)
    return application


@pytest.fixture
def web_demo(web_app) -> None:
    with transaction(services(web_app).sessions) as session:
        load_demo_data(session)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session (per xdist worker)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def point_at_sandbox(settings: Settings, sandbox: SandboxServer) -> Settings:
    """Return settings whose WeChat API calls go to the sandbox, with no waiting between retries."""
    wechat = dataclasses.replace(settings.wechat, api_base_url=sandbox.url, open_base_url=sandbox.url, retry_backoff_ms=0)
    return dataclasses.replace(settings, wechat=wechat)


def follow_demo_patients(sandbox: SandboxServer) -> None:
    """Make every demo patient a follower of the sandbox account, so template messages reach them."""
    from bot.demo import DEMO_PATIENTS
    from sandbox.messages import follow

    with sandbox.app.app_context():
        for openid in DEMO_PATIENTS:
            follow(openid)


@pytest.fixture
def inline_services(mysql_schema: str, sandbox: SandboxServer) -> Iterator[Services]:
    """Services on MariaDB with the in-process Redis stand-in, so notices are sent inline, to the sandbox."""
    app_services = Services.build(point_at_sandbox(make_settings(mysql_schema), sandbox))
    _empty_mysql_tables(app_services)
    with transaction(app_services.sessions) as session:
        load_demo_data(session)
    follow_demo_patients(sandbox)
    yield app_services
    app_services.engine.dispose()


@pytest.fixture
def queued_services(mysql_schema: str, redis_server: RedisServer, sandbox: SandboxServer) -> Iterator[Services]:
    """Services on MariaDB and real Redis, so notices go through RQ, to the sandbox."""
    app_services = Services.build(point_at_sandbox(make_settings(mysql_schema, redis_server.url), sandbox))
    _empty_mysql_tables(app_services)
    app_services.redis.flushdb()
    with transaction(app_services.sessions) as session:
        load_demo_data(session)
    follow_demo_patients(sandbox)
    yield app_services
    app_services.engine.dispose()
    app_services.redis.close()
