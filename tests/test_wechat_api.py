"""The WeChat API client against the sandbox and a real Redis: token sharing, retries, timeouts."""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing

import pytest
import redis
import requests
from wechatpy.exceptions import APILimitedException, WeChatClientException

from bot.config import WeChatSettings
from bot.settings_notices import DEMO_TEMPLATE_IDS
from bot.wechat_api import ApiClient, ApiNetworkError, TokenUnavailable
from tests.processes import read_token

TOKEN_PATHS = ("/cgi-bin/stable_token", "/cgi-bin/token")


@pytest.fixture
def shared_redis(redis_server) -> redis.Redis:
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def api_settings(sandbox) -> WeChatSettings:
    return WeChatSettings(api_base_url=sandbox.url, open_base_url=sandbox.url, retry_backoff_ms=0)


def token_calls(sandbox) -> int:
    return sum(len(sandbox.state.calls_to(path)) for path in TOKEN_PATHS)


@pytest.mark.parametrize("mode", ["stable", "classic"])
def test_eight_processes_fetch_one_token(sandbox, redis_server, shared_redis, api_settings, mode):
    settings = dataclasses.replace(api_settings, access_token_mode=mode)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(8)
    results = context.Queue()
    processes = [
        context.Process(target=read_token, args=(settings, redis_server.url, barrier, results)) for _ in range(8)
    ]
    for process in processes:
        process.start()
    tokens = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)

    assert all(process.exitcode == 0 for process in processes)
    assert token_calls(sandbox) == 1
    assert len(set(tokens)) == 1


def test_classic_refresh_storm_breaks_older_tokens(sandbox):
    params = {"grant_type": "client_credential", "appid": sandbox.state.app_id, "secret": sandbox.state.app_secret}
    first = requests.get(f"{sandbox.url}/cgi-bin/token", params=params, timeout=5).json()["access_token"]
    second = requests.get(f"{sandbox.url}/cgi-bin/token", params=params, timeout=5).json()["access_token"]

    requests.post(f"{sandbox.url}/sandbox/clock", json={"seconds": 301}, timeout=5)
    stale = requests.get(f"{sandbox.url}/cgi-bin/menu/get", params={"access_token": first}, timeout=5).json()
    fresh = requests.get(f"{sandbox.url}/cgi-bin/menu/get", params={"access_token": second}, timeout=5).json()

    assert stale["errcode"] == 40001
    assert fresh["errcode"] == 46003


def test_clients_sharing_redis_keep_working_after_overlap(sandbox, shared_redis, api_settings):
    settings = dataclasses.replace(api_settings, access_token_mode="classic")
    clients = [ApiClient(settings, shared_redis) for _ in range(3)]
    for client in clients:
        assert client.menu.get() is None

    requests.post(f"{sandbox.url}/sandbox/clock", json={"seconds": 301}, timeout=5)
    for client in clients:
        assert client.menu.get() is None
    assert token_calls(sandbox) == 1


def test_rejected_token_refreshes_once_and_retries(sandbox, shared_redis, api_settings):
    client = ApiClient(api_settings, shared_redis)
    client.access_token
    sandbox.state.inject("/cgi-bin/menu/get", 40001, times=1)

    assert client.menu.get() is None
    assert len(sandbox.state.calls_to("/cgi-bin/menu/get")) == 2
    assert token_calls(sandbox) == 2


def test_rejected_token_twice_raises_without_loop(sandbox, shared_redis, api_settings):
    client = ApiClient(api_settings, shared_redis)
    sandbox.state.inject("/cgi-bin/menu/get", 40001, times=5)

    with pytest.raises(WeChatClientException) as caught:
        client.menu.get()
    assert caught.value.errcode == 40001
    assert len(sandbox.state.calls_to("/cgi-bin/menu/get")) == 2
    assert token_calls(sandbox) == 2


def test_expired_token_is_replaced(sandbox, shared_redis, api_settings):
    client = ApiClient(api_settings, shared_redis)
    old = client.access_token
    requests.post(f"{sandbox.url}/sandbox/clock", json={"seconds": 7200}, timeout=5)

    assert client.menu.get() is None
    assert client.access_token != old


def test_busy_answers_are_retried_with_backoff(sandbox, shared_redis, api_settings):
    waits: list[float] = []
    settings = dataclasses.replace(api_settings, retry_backoff_ms=100, busy_retries=2)
    client = ApiClient(settings, shared_redis, sleep=waits.append)
    sandbox.state.inject("/cgi-bin/menu/get", -1, times=2)

    assert client.menu.get() is None
    assert waits == [0.1, 0.2]


def test_rate_limit_retries_are_bounded(sandbox, shared_redis, api_settings):
    waits: list[float] = []
    client = ApiClient(dataclasses.replace(api_settings, busy_retries=2), shared_redis, sleep=waits.append)
    sandbox.state.inject("/cgi-bin/menu/get", 45009, times=10)

    with pytest.raises(APILimitedException):
        client.menu.get()
    assert len(sandbox.state.calls_to("/cgi-bin/menu/get")) == 3
    assert len(waits) == 2


def test_ip_not_whitelisted_logs_the_fix(sandbox, shared_redis, api_settings, caplog):
    client = ApiClient(api_settings, shared_redis)
    sandbox.state.inject("/cgi-bin/stable_token", 40164)

    with caplog.at_level(logging.ERROR), pytest.raises(TokenUnavailable) as caught:
        client.access_token
    assert caught.value.errcode == 40164
    assert "IP whitelist" in caplog.text


def test_slow_answer_times_out(sandbox, shared_redis, api_settings):
    client = ApiClient(dataclasses.replace(api_settings, timeout_seconds=1), shared_redis)
    requests.post(f"{sandbox.url}/sandbox/latency", json={"seconds": 2}, timeout=5)
    requests.post(f"{sandbox.url}/sandbox/followers", json={"openid": "oTestFollower0000000000000001"}, timeout=5)

    with pytest.raises(ApiNetworkError) as caught:
        client.post("message/template/send", data={"touser": "oTestFollower0000000000000001", "template_id": DEMO_TEMPLATE_IDS["report"], "data": {"thing1": {"value": "成绩单"}}})
    assert caught.value.reason == "ReadTimeout"


def test_unreachable_token_endpoint_logs_no_secret(shared_redis, caplog):
    from tests.servers import free_port

    settings = WeChatSettings(api_base_url=f"http://127.0.0.1:{free_port()}", access_token_mode="classic", timeout_seconds=1)
    client = ApiClient(settings, shared_redis)

    with caplog.at_level(logging.DEBUG), pytest.raises(TokenUnavailable):
        client.access_token
    assert settings.app_secret not in caplog.text
