"""WeChat web authorization against the sandbox: base and userinfo flows, state, reused codes, cookie flags."""

from __future__ import annotations

import dataclasses
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bot.app import create_app
from bot.demo import PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from bot.services import Services, services
from bot.db import transaction
from bot.demo import load_demo_data
from models import WeChatUser
from sandbox.oauth import add_user
from sqlalchemy import select
from tests.conftest import BASE_URL

CALLBACK_URL = f"{BASE_URL}/h5/auth/callback"
NEW_OPENID = "oSandboxNewPatient0000000005"


@pytest.fixture
def oauth_app(mysql_services: Services, sandbox):
    """The production set-up: public https base URL, no dev login, WeChat played by the sandbox."""
    wechat = dataclasses.replace(mysql_services.settings.wechat, api_base_url=sandbox.url, open_base_url=sandbox.url)
    settings = dataclasses.replace(mysql_services.settings, wechat=wechat)
    application = create_app(services=dataclasses.replace(mysql_services, settings=settings))
    application.config.update(TESTING=True)
    with transaction(services(application).sessions) as session:
        load_demo_data(session)
    return application


@pytest.fixture
def client(oauth_app):
    return oauth_app.test_client()


def authorize(client, sandbox, start: str, openid: str, consent: str = "allow") -> str:
    """Follow the login entry to the sandbox's authorize page, consent as openid, return the callback path."""
    entry = client.get(start)
    assert entry.status_code == 302
    authorize_url, _, fragment = entry.location.partition("#")
    assert fragment == "wechat_redirect"
    assert authorize_url.startswith(f"{sandbox.url}/connect/oauth2/authorize?")

    answer = requests.get(authorize_url, params={"openid": openid, "consent": consent}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = answer.headers["Location"]
    assert callback.startswith(CALLBACK_URL)
    return callback.removeprefix(BASE_URL)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_page_redirects_to_login_entry(client):
    response = client.get("/h5/appointments?tab=unpaid")

    assert response.status_code == 302
    assert response.location == "/h5/auth?next=/h5/appointments?tab%3Dunpaid"


def test_entry_builds_authorize_url(client, sandbox):
    response = client.get("/h5/auth?next=/h5/visits")

    query = query_of(response.location.partition("#")[0])
    assert query["appid"] == "wx0000000000demo0"
    assert query["redirect_uri"] == CALLBACK_URL
    assert query["response_type"] == "code"
    assert query["scope"] == "snsapi_base"
    assert len(query["state"]) == 32
    assert query["state"].isalnum()


def test_base_flow_lands_on_page(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/appointments", PATIENT_WITH_EVERYTHING)

    landing = client.get(callback)

    assert landing.status_code == 302
    assert landing.location == "/h5/appointments"
    page = client.get("/h5/appointments")
    assert page.status_code == 200
    assert "王小美" in page.text
    assert len(sandbox.state.calls_to("/sns/oauth2/access_token")) == 1
    assert sandbox.state.calls_to("/sns/userinfo") == []


def test_base_flow_logs_in_api(client, sandbox):
    client.get(authorize(client, sandbox, "/h5/auth", PATIENT_WITH_EVERYTHING))

    response = client.get("/Wx/Personal/info")

    assert response.json["data"]["name"] == "小美"


def test_userinfo_flow_creates_profile(oauth_app, client, sandbox):
    add_user(sandbox.state, NEW_OPENID, "🌸小雨💕", "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132")

    callback = authorize(client, sandbox, "/h5/auth?scope=snsapi_userinfo&next=/h5/", NEW_OPENID)
    landing = client.get(callback)

    assert landing.location == "/h5/"
    with services(oauth_app).sessions() as session:
        user = session.scalar(select(WeChatUser).where(WeChatUser.openid == NEW_OPENID))
    assert user.nickname == "🌸小雨💕"
    assert user.headimgurl == "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132"
    home = client.get("/h5/")
    assert "🌸小雨💕" in home.text
    assert 'src="https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132"' in home.text


def test_userinfo_flow_fills_empty_nickname(client, sandbox):
    add_user(sandbox.state, PATIENT_WITHOUT_RECORDS, "新妈妈")
    client.get(authorize(client, sandbox, "/h5/auth", PATIENT_WITHOUT_RECORDS))
    home = client.get("/h5/")
    assert "显示我的微信头像和昵称" in home.text

    client.get(authorize(client, sandbox, "/h5/auth?scope=snsapi_userinfo&next=/h5/", PATIENT_WITHOUT_RECORDS))

    home = client.get("/h5/")
    assert "新妈妈" in home.text
    assert "显示我的微信头像和昵称" not in home.text
    assert client.get("/Wx/Personal/info").json["data"]["name"] == "新妈妈"


def test_declined_consent_offers_retry(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?scope=snsapi_userinfo&next=/h5/claims", NEW_OPENID, consent="deny")

    page = client.get(callback)

    assert page.status_code == 200
    assert "您没有同意授权" in page.text
    assert "/h5/auth?next=/h5/claims" in page.text
    assert client.get("/Wx/Personal/info").status_code == 401


def test_state_mismatch_refused(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/", PATIENT_WITH_EVERYTHING)
    forged = callback.replace(query_of(callback)["state"], "0" * 32)

    page = client.get(forged)

    assert page.status_code == 403
    assert "授权链接已失效，请返回公众号重新打开个人中心。" in page.text
    assert sandbox.state.calls_to("/sns/oauth2/access_token") == []
    assert client.get("/Wx/Personal/info").status_code == 401


def test_callback_from_other_browser_refused(oauth_app, client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/", PATIENT_WITH_EVERYTHING)
    other_browser = oauth_app.test_client()

    page = other_browser.get(callback)

    assert page.status_code == 403
    assert other_browser.get("/Wx/Personal/info").status_code == 401


def test_refreshed_callback_restarts_authorization(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/report", PATIENT_WITH_EVERYTHING)
    assert client.get(callback).location == "/h5/report"

    again = client.get(callback)

    assert again.status_code == 302
    assert again.location.startswith("/h5/auth?next=/h5/report")
    assert client.get(again.location).location == "/h5/report"


def test_used_code_restarts_authorization(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/visits", PATIENT_WITH_EVERYTHING)
    # The first exchange reached WeChat but its response was lost, as when the
    # patient taps twice: the code is spent before our callback runs.
    spent = requests.get(
        f"{sandbox.url}/sns/oauth2/access_token",
        params={"appid": "wx0000000000demo0", "secret": sandbox.state.app_secret, "code": query_of(callback)["code"], "grant_type": "authorization_code"},
        timeout=5,
    )
    assert "access_token" in spent.json()

    restart = client.get(callback)

    assert restart.status_code == 302
    assert restart.location.startswith("/h5/auth?next=/h5/visits")
    second = authorize(client, sandbox, restart.location, PATIENT_WITH_EVERYTHING)
    assert client.get(second).location == "/h5/visits"
    assert client.get("/h5/visits").status_code == 200


def test_wechat_error_shows_retry_page(client, sandbox):
    callback = authorize(client, sandbox, "/h5/auth?next=/h5/", PATIENT_WITH_EVERYTHING)
    sandbox.state.inject("/sns/oauth2/access_token", -1)

    page = client.get(callback)

    assert page.status_code == 502
    assert "微信暂时无法完成授权，请稍后再试。" in page.text
    assert client.get("/Wx/Personal/info").status_code == 401


def test_session_cookie_flags(client, sandbox):
    landing = client.get(authorize(client, sandbox, "/h5/auth", PATIENT_WITH_EVERYTHING))

    cookie = landing.headers["Set-Cookie"]
    attributes = [part.strip() for part in cookie.split(";")]
    assert attributes[0].startswith("pc_session=")
    assert "Secure" in attributes
    assert "HttpOnly" in attributes
    assert "SameSite=Lax" in attributes
    expires = next(part for part in attributes if part.startswith("Expires="))
    lifetime = time.mktime(time.strptime(expires.removeprefix("Expires="), "%a, %d %b %Y %H:%M:%S GMT")) - time.mktime(time.gmtime())
    assert 6.9 * 86400 < lifetime <= 7 * 86400 + 60


def test_login_expires_after_session_days(client, sandbox):
    client.get(authorize(client, sandbox, "/h5/auth", PATIENT_WITH_EVERYTHING))
    with client.session_transaction() as cookie_session:
        cookie_session["login_at"] -= 7 * 86400 + 1

    assert client.get("/Wx/Personal/info").status_code == 401
    assert client.get("/h5/").location == "/h5/auth?next=/h5/"


@pytest.mark.parametrize(
    "next_value",
    ["https://evil.example/h5/", "//evil.example/h5/", "/\\evil.example", "/wechat", "/h5/auth/callback", "javascript:alert(1)", "/h5/\n"],
)
def test_entry_never_redirects_off_site(client, sandbox, next_value):
    client.get(authorize(client, sandbox, "/h5/auth", PATIENT_WITH_EVERYTHING))

    response = client.get("/h5/auth", query_string={"next": next_value})

    assert response.status_code == 302
    assert response.location == "/h5/"


def test_dev_login_absent_in_production(client):
    assert client.get("/h5/dev-login").status_code == 404
    assert client.post("/h5/dev-login", data={"openid": PATIENT_WITH_EVERYTHING}).status_code == 404
