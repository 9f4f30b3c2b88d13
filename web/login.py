"""The logged-in patient, kept in Flask's signed session cookie.

The cookie carries the openid and the login time. It is HttpOnly, SameSite=Lax,
Secure when site.base_url is https, and a login older than site.session_days
is ignored even if the browser still sends the cookie.
"""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, session

from bot.config import Settings
from bot.services import services

OPENID_KEY = "openid"
LOGIN_TIME_KEY = "login_at"
CARE_MODE_KEY = "care"


def configure_session_cookie(app: Flask, settings: Settings) -> None:
    app.config.update(
        SESSION_COOKIE_NAME="pc_session",
        SESSION_COOKIE_HTTPONLY=True,
        # Lax still sends the cookie on WeChat's top-level redirect back to the callback.
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=urlsplit(settings.site.base_url).scheme == "https",
        PERMANENT_SESSION_LIFETIME=timedelta(days=settings.site.session_days),
    )


def current_openid() -> str | None:
    """Return the openid of the logged-in patient, or None when nobody is logged in or the login expired."""
    openid = session.get(OPENID_KEY)
    logged_in_at = session.get(LOGIN_TIME_KEY)
    if not isinstance(openid, str) or not isinstance(logged_in_at, int):
        return None

    lifetime = services().settings.site.session_days * 86400
    if not 0 <= time.time() - logged_in_at <= lifetime:
        return None
    return openid


def log_in(openid: str) -> None:
    """Replace the session with a fresh login for openid, keeping only the large-text preference.

    Clearing the session also drops the old CSRF token, so a token seen before the login is useless after it.
    """
    care_mode = bool(session.get(CARE_MODE_KEY))
    session.clear()
    session[OPENID_KEY] = openid
    session[LOGIN_TIME_KEY] = int(time.time())
    session[CARE_MODE_KEY] = care_mode
    session.permanent = True
