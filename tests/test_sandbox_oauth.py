"""The sandbox's web authorization speaks WeChat's formats and error codes."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bot.config import DEMO_APP_ID, DEMO_APP_SECRET
from sandbox.oauth import add_user

REDIRECT = "https://wx.example.test/h5/auth/callback"


def issue_code(sandbox, openid: str, scope: str = "snsapi_base") -> str:
    params = {"appid": DEMO_APP_ID, "redirect_uri": REDIRECT, "response_type": "code", "scope": scope, "state": "abc123", "openid": openid}
    answer = requests.get(f"{sandbox.url}/connect/oauth2/authorize", params=params, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == ["abc123"]
    return query["code"][0]


def exchange(sandbox, code: str, secret: str = DEMO_APP_SECRET) -> dict:
    params = {"appid": DEMO_APP_ID, "secret": secret, "code": code, "grant_type": "authorization_code"}
    return requests.get(f"{sandbox.url}/sns/oauth2/access_token", params=params, timeout=5).json()


def userinfo(sandbox, token: dict) -> dict:
    params = {"access_token": token["access_token"], "openid": token["openid"], "lang": "zh_CN"}
    return requests.get(f"{sandbox.url}/sns/userinfo", params=params, timeout=5).json()


def test_code_exchanges_once(sandbox):
    code = issue_code(sandbox, "oPatient")

    first = exchange(sandbox, code)
    second = exchange(sandbox, code)

    assert set(first) == {"access_token", "expires_in", "refresh_token", "openid", "scope"}
    assert (first["openid"], first["scope"], first["expires_in"]) == ("oPatient", "snsapi_base", 7200)
    assert second == {"errcode": 40163, "errmsg": "code been used"}


@pytest.mark.parametrize(("code", "secret", "errcode"), [("unknown", DEMO_APP_SECRET, 40029), (None, "wrong-secret", 40125)])
def test_exchange_errors(sandbox, code, secret, errcode):
    answer = exchange(sandbox, code or issue_code(sandbox, "oPatient"), secret)

    assert answer["errcode"] == errcode


def test_userinfo_needs_userinfo_scope(sandbox):
    add_user(sandbox.state, "oPatient", "小雨")

    base = userinfo(sandbox, exchange(sandbox, issue_code(sandbox, "oPatient")))
    full = userinfo(sandbox, exchange(sandbox, issue_code(sandbox, "oPatient", "snsapi_userinfo")))

    assert base["errcode"] == 48001
    assert full["openid"] == "oPatient"
    assert full["nickname"] == "小雨"
    assert full["privilege"] == []
    assert set(full) == {"openid", "nickname", "sex", "province", "city", "country", "headimgurl", "privilege"}


def test_authorize_rejects_other_appid(sandbox):
    params = {"appid": "wxSomeoneElse000000", "redirect_uri": REDIRECT, "response_type": "code", "scope": "snsapi_base", "state": "s"}

    answer = requests.get(f"{sandbox.url}/connect/oauth2/authorize", params=params, allow_redirects=False, timeout=5)

    assert answer.status_code == 400
    assert "appid" in answer.text


def test_authorize_page_lists_known_users(sandbox):
    add_user(sandbox.state, "oPatient", "小雨")
    params = {"appid": DEMO_APP_ID, "redirect_uri": REDIRECT, "response_type": "code", "scope": "snsapi_userinfo", "state": "s"}

    page = requests.get(f"{sandbox.url}/connect/oauth2/authorize", params=params, timeout=5)

    assert page.status_code == 200
    assert "小雨" in page.text
    assert "允许" in page.text
    assert "拒绝" in page.text
