"""The login entry of the H5 pages: WeChat web authorization, or the dev login in dev mode.

https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html

GET /h5/auth?next=/h5/appointments/3[&scope=snsapi_userinfo] starts a login and
comes back to ``next`` (a local /h5/ path). It requests the silent
snsapi_base scope unless the page requests the profile. snsapi_userinfo then
fills the nickname and avatar, which WeChat's follower-info API has no longer
returned since 2021-12-27. The ``state`` parameter is random, kept in the
session cookie and accepted once, so a login started in another browser (a
login CSRF) is refused.
"""

from __future__ import annotations

import hmac
import logging
import secrets

from flask import Blueprint, Flask, Response, current_app, redirect, render_template, request, session, url_for

from bot.config import Settings
from bot.logs import mask_openid
from bot.services import services
from models.profiles import save_profile
from web.db import db
from web.errors import PatientError
from web.login import current_openid, log_in
from web.redirects import safe_next
from web.wechat_oauth import CODE_BEEN_USED, SCOPES, SNSAPI_BASE, OAuthError, WeChatOAuthClient, WebAccessToken

log = logging.getLogger(__name__)

blueprint = Blueprint("auth", __name__, url_prefix="/h5/auth")

CLIENT_KEY = "wechat_oauth"
# Session keys: logins under way (state -> next page and scope), and the last finished one.
PENDING_KEY = "oauth_pending"
FINISHED_KEY = "oauth_finished"
RESTARTS_KEY = "oauth_restarts"

# A few tabs may start a login at once; older states beyond this are dropped.
MAX_PENDING = 3
# Restarts after a reused code, before the patient is asked to come back later.
MAX_RESTARTS = 2

STATE_EXPIRED_MESSAGE = "授权链接已失效，请返回公众号重新打开个人中心。"
RESTART_FAILED_MESSAGE = "微信授权没有完成，请关闭页面后从公众号菜单重新进入。"


@blueprint.get("")
def start() -> Response:
    """Send the browser to WeChat's authorize page, or straight on when already logged in."""
    next_path = safe_next(request.args.get("next"))
    scope = request.args.get("scope", SNSAPI_BASE)
    if scope not in SCOPES:
        scope = SNSAPI_BASE

    if scope == SNSAPI_BASE and current_openid():
        return redirect(next_path)

    from web import dev_login_enabled

    if dev_login_enabled(services().settings):
        return redirect(url_for("dev_login.choose", next=next_path))

    state = secrets.token_hex(16)
    _remember_pending(state, next_path, scope)
    return redirect(_client().authorize_url(_callback_url(), scope, state))


@blueprint.get("/callback")
def callback() -> Response | str:
    """Finish a login: check state, exchange the code, store the profile, go to the page asked for."""
    state = request.args.get("state", "")
    pending = session.get(PENDING_KEY, {}).get(state) if state else None
    if pending is None:
        return _unknown_state(state)

    _forget_pending(state)
    finished = {"state": state, "next": pending["next"]}
    session[FINISHED_KEY] = finished

    code = request.args.get("code", "")
    if not code:
        # The patient declined the snsapi_userinfo consent page.
        if current_openid():
            return redirect(pending["next"])
        return render_template("h5/declined.html", next_path=pending["next"])

    try:
        token = _client().fetch_access_token(code)
    except OAuthError as error:
        if error.errcode == CODE_BEEN_USED:
            return _restart(pending["next"], pending["scope"])
        raise PatientError(502, reason=f"code exchange failed errcode={error.errcode}") from None

    if token.allows_userinfo:
        _store_profile(token)

    # A login starts a fresh session; logins still under way in other tabs,
    # and the finished state that recognises a refresh, carry over.
    still_pending = session.get(PENDING_KEY, {})
    log_in(token.openid)
    session[PENDING_KEY] = still_pending
    session[FINISHED_KEY] = finished
    log.info("oauth login scope=%s user=%s", token.scope, mask_openid(token.openid))
    return redirect(pending["next"])


def _unknown_state(state: str) -> Response:
    # The back button or a refresh replays the last callback. Its state is
    # spent and exchanging its code again returns 40163, so authorize again.
    finished = session.get(FINISHED_KEY)
    if state and finished and hmac.compare_digest(state, finished["state"]):
        return _restart(finished["next"], SNSAPI_BASE)

    log.warning("oauth: callback rejected because its state is unknown or already used")
    raise PatientError(403, STATE_EXPIRED_MESSAGE, reason="unknown state")


def _restart(next_path: str, scope: str) -> Response:
    restarts = session.get(RESTARTS_KEY, 0) + 1
    if restarts > MAX_RESTARTS:
        session.pop(RESTARTS_KEY, None)
        raise PatientError(502, RESTART_FAILED_MESSAGE, reason="authorization restarted too often")

    session[RESTARTS_KEY] = restarts
    log.info("oauth: code already used, authorization restarted attempt=%s", restarts)
    return redirect(url_for("auth.start", next=next_path, scope=scope))


def _store_profile(token: WebAccessToken) -> None:
    try:
        info = _client().fetch_user_info(token)
    except OAuthError as error:
        raise PatientError(502, reason=f"userinfo failed errcode={error.errcode}") from None
    if info.openid != token.openid:
        raise PatientError(502, reason="userinfo returned another openid")

    session_db = db()
    created = save_profile(session_db, info.openid, info.nickname, info.headimgurl)
    session_db.commit()
    log.info("oauth profile stored created=%s user=%s", created, mask_openid(info.openid))


def _remember_pending(state: str, next_path: str, scope: str) -> None:
    pending = dict(session.get(PENDING_KEY, {}))
    pending[state] = {"next": next_path, "scope": scope}
    # Dicts keep insertion order, so the first keys are the oldest logins.
    session[PENDING_KEY] = dict(list(pending.items())[-MAX_PENDING:])


def _forget_pending(state: str) -> None:
    pending = dict(session.get(PENDING_KEY, {}))
    pending.pop(state, None)
    session[PENDING_KEY] = pending


def _callback_url() -> str:
    # WeChat redirects to this absolute URL, whose domain must be the one
    # registered as the account's web authorization domain.
    return f"{services().settings.site.base_url}{url_for('auth.callback')}"


def _client() -> WeChatOAuthClient:
    return current_app.extensions[CLIENT_KEY]


def init_app(app: Flask, settings: Settings) -> None:
    app.extensions[CLIENT_KEY] = WeChatOAuthClient(settings.wechat)
