"""Access-token endpoints of the fake WeChat API, with WeChat's lifetime and overlap rules.

https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html

- A token is valid for 7200 s; a call with an expired one gets 42001.
- /cgi-bin/token issues a new token on every call; the previous one stays
  valid for 5 more minutes, then gets 40001.
- /cgi-bin/stable_token in normal mode returns the current token while more
  than 5 minutes are left and a new one after that, the old one staying valid
  until it expires. force_refresh issues a new token and ends the old one now.
- The two kinds of token are kept apart, as WeChat keeps them.

The sandbox clock can be moved forward (POST /sandbox/clock) to show expiry.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from flask import Blueprint, jsonify, request

from sandbox.app import error_body, injected_error, state

blueprint = Blueprint("sandbox_tokens", __name__)

LIFETIME_SECONDS = 7200
OVERLAP_SECONDS = 300

INVALID_APPID = 40013
INVALID_GRANT_TYPE = 40002
INVALID_SECRET = 40125


@dataclass
class IssuedToken:
    value: str
    expires_at: float
    # Set when a newer token replaced this one: it is rejected with 40001 after that moment.
    replaced_at: float | None = None


@dataclass
class TokenBook:
    """Every token the sandbox issued, and the current one per kind (classic, stable)."""

    clock_offset: float = 0.0
    issued: dict[str, IssuedToken] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)

    def now(self) -> float:
        return time.time() + self.clock_offset

    def issue(self, kind: str, overlap: float) -> IssuedToken:
        now = self.now()
        previous = self.issued.get(self.current.get(kind, ""))
        if previous is not None:
            previous.replaced_at = now + overlap

        token = IssuedToken(value=f"sandbox-{kind}-{secrets.token_urlsafe(24)}", expires_at=now + LIFETIME_SECONDS)
        self.issued[token.value] = token
        self.current[kind] = token.value
        return token

    def stable(self, force_refresh: bool) -> IssuedToken:
        token = self.issued.get(self.current.get("stable", ""))
        if force_refresh:
            return self.issue("stable", overlap=0)
        if token is not None and token.expires_at - self.now() > OVERLAP_SECONDS:
            return token
        # The old token keeps working until its own expiry, at most 5 minutes away.
        return self.issue("stable", overlap=OVERLAP_SECONDS)

    def error_for(self, value: str) -> int | None:
        """Return the errcode a call with this token gets, or None when it is valid."""
        token = self.issued.get(value)
        now = self.now()
        if token is None:
            return 40001
        if token.replaced_at is not None and now >= min(token.replaced_at, token.expires_at):
            return 40001 if now < token.expires_at else 42001
        if now >= token.expires_at:
            return 42001
        return None


def book() -> TokenBook:
    """Return the token book; callers hold state().lock while they use it."""
    return state().store.setdefault("tokens", TokenBook())


def token_error():
    """Return the error response for the request's access_token, or None when it is valid.

    Endpoints call this after injected_error(), so injected faults win.
    """
    sandbox_state = state()
    with sandbox_state.lock:
        errcode = book().error_for(request.args.get("access_token", ""))
    return None if errcode is None else jsonify(error_body(errcode))


@blueprint.get("/cgi-bin/token")
def classic_token():
    failure = injected_error() or _credentials_error(
        request.args.get("grant_type"), request.args.get("appid"), request.args.get("secret")
    )
    if failure:
        return failure

    sandbox_state = state()
    with sandbox_state.lock:
        token = book().issue("classic", overlap=OVERLAP_SECONDS)
    return jsonify({"access_token": token.value, "expires_in": LIFETIME_SECONDS})


@blueprint.post("/cgi-bin/stable_token")
def stable_token():
    payload = request.get_json(force=True, silent=True) or {}
    failure = injected_error() or _credentials_error(payload.get("grant_type"), payload.get("appid"), payload.get("secret"))
    if failure:
        return failure

    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_book = book()
        token = sandbox_book.stable(bool(payload.get("force_refresh")))
        expires_in = int(token.expires_at - sandbox_book.now())
    return jsonify({"access_token": token.value, "expires_in": expires_in})


@blueprint.post("/sandbox/clock")
def advance_clock():
    """Move the sandbox clock forward by {"seconds": N}, to let tokens expire."""
    seconds = float((request.get_json(force=True, silent=True) or {}).get("seconds", 0))
    sandbox_state = state()
    with sandbox_state.lock:
        book().clock_offset += seconds
    return jsonify({"ok": True})


def _credentials_error(grant_type, appid, secret):
    sandbox_state = state()
    if grant_type != "client_credential":
        return jsonify(error_body(INVALID_GRANT_TYPE))
    if appid != sandbox_state.app_id:
        return jsonify(error_body(INVALID_APPID))
    if secret != sandbox_state.app_secret:
        return jsonify(error_body(INVALID_SECRET))
    return None
