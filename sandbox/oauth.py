"""Fake WeChat web authorization: the authorize page, the code exchange and userinfo.

https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html

The authorize page (served on wechat.open_base_url) lists the known users for
a person to pick. For scripts, it redirects at once when the query names a
user with ``openid=``. Adding ``consent=deny`` acts as a patient who declines
the snsapi_userinfo consent page, so the redirect carries no code. Codes work
once (a second exchange answers 40163) and expire after 5 minutes (40029).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, jsonify, render_template_string, request

from sandbox.app import error_body, injected_error, state
from sandbox.state import SandboxState

blueprint = Blueprint("sandbox_oauth", __name__)

SCOPES = ("snsapi_base", "snsapi_userinfo")
CODE_LIFETIME_SECONDS = 300
TOKEN_LIFETIME_SECONDS = 7200

USERS_KEY = "oauth_users"
CODES_KEY = "oauth_codes"
TOKENS_KEY = "oauth_tokens"

# Error codes WeChat uses here that the shared table lacks.
_MESSAGES = {
    40013: "invalid appid",
    40125: "invalid appsecret",
    40002: "invalid grant_type",
    48001: "api unauthorized",
}


@dataclass(frozen=True)
class FakeUser:
    openid: str
    nickname: str
    headimgurl: str
    sex: int = 0


def add_user(sandbox_state: SandboxState, openid: str, nickname: str, headimgurl: str = "") -> FakeUser:
    """Make openid known to the authorize page and userinfo, with this profile."""
    user = FakeUser(openid, nickname, headimgurl or f"https://thirdwx.qlogo.cn/mmopen/vi_32/{openid[-8:]}/132")
    with sandbox_state.lock:
        sandbox_state.store.setdefault(USERS_KEY, {})[openid] = user
    return user


@blueprint.get("/connect/oauth2/authorize")
def authorize():
    """Show the consent page, or redirect back to redirect_uri with a new code."""
    params = request.args
    problem = _authorize_problem(params)
    if problem:
        return problem, 400

    openid = params.get("openid")
    if not openid:
        return render_template_string(_CHOOSER, users=_users().values(), params=params)

    query = {"state": params.get("state", "")}
    if params.get("consent") != "deny":
        query = {"code": _issue_code(openid, params["scope"]), **query}
    separator = "&" if urlsplit(params["redirect_uri"]).query else "?"
    return "", 302, {"Location": f"{params['redirect_uri']}{separator}{urlencode(query)}"}


@blueprint.get("/sns/oauth2/access_token")
def access_token():
    """Exchange a code for the openid and a web access token."""
    injected = injected_error()
    if injected is not None:
        return injected

    sandbox_state = state()
    params = request.args
    if params.get("appid") != sandbox_state.app_id:
        return _error(40013)
    if params.get("secret") != sandbox_state.app_secret:
        return _error(40125)
    if params.get("grant_type") != "authorization_code":
        return _error(40002)

    with sandbox_state.lock:
        grant = sandbox_state.store.setdefault(CODES_KEY, {}).get(params.get("code", ""))
        if grant is None or grant["expires_at"] < time.time():
            return _error(40029)
        if grant["used"]:
            return _error(40163)
        grant["used"] = True

    token = secrets.token_urlsafe(32)
    with sandbox_state.lock:
        sandbox_state.store.setdefault(TOKENS_KEY, {})[token] = {"openid": grant["openid"], "scope": grant["scope"]}
    return jsonify(
        {
            "access_token": token,
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "refresh_token": secrets.token_urlsafe(32),
            "openid": grant["openid"],
            "scope": grant["scope"],
        }
    )


@blueprint.get("/sns/userinfo")
def userinfo():
    """Return the profile of the token's user; snsapi_base tokens get 48001."""
    injected = injected_error()
    if injected is not None:
        return injected

    grant = state().store.get(TOKENS_KEY, {}).get(request.args.get("access_token", ""))
    if grant is None:
        return _error(40001)
    if request.args.get("openid") != grant["openid"]:
        return _error(40003)
    if grant["scope"] != "snsapi_userinfo":
        return _error(48001)

    user = _users().get(grant["openid"]) or FakeUser(grant["openid"], "微信用户", "")
    return jsonify(
        {
            "openid": user.openid,
            "nickname": user.nickname,
            "sex": user.sex,
            "province": "广东",
            "city": "广州",
            "country": "中国",
            "headimgurl": user.headimgurl,
            "privilege": [],
        }
    )


def _authorize_problem(params) -> str | None:
    if params.get("appid") != state().app_id:
        return "appid 参数错误"
    if params.get("response_type") != "code":
        return "response_type 参数错误"
    if params.get("scope") not in SCOPES:
        return "scope 参数错误"
    if urlsplit(params.get("redirect_uri", "")).scheme not in {"http", "https"}:
        return "redirect_uri 参数错误"
    return None


def _issue_code(openid: str, scope: str) -> str:
    code = secrets.token_hex(16)
    sandbox_state = state()
    with sandbox_state.lock:
        codes = sandbox_state.store.setdefault(CODES_KEY, {})
        codes[code] = {"openid": openid, "scope": scope, "used": False, "expires_at": time.time() + CODE_LIFETIME_SECONDS}
    return code


def _users() -> dict[str, FakeUser]:
    return state().store.get(USERS_KEY, {})


def _error(errcode: int):
    body = error_body(errcode)
    if errcode in _MESSAGES:
        body["errmsg"] = _MESSAGES[errcode]
    return jsonify(body)


_CHOOSER = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>微信授权（沙箱）</title></head>
<body>
<h1>微信授权（沙箱）</h1>
<p>申请的权限：{{ params.scope }}</p>
<form method="get">
  {% for key in ("appid", "redirect_uri", "response_type", "scope", "state") %}
  <input type="hidden" name="{{ key }}" value="{{ params.get(key, '') }}">
  {% endfor %}
  <label>用户 openid <input name="openid" list="known" required></label>
  <datalist id="known">{% for user in users %}<option value="{{ user.openid }}">{{ user.nickname }}</option>{% endfor %}</datalist>
  <button type="submit" name="consent" value="allow">允许</button>
  <button type="submit" name="consent" value="deny">拒绝</button>
</form>
</body></html>
"""
