"""CSRF protection of every state-changing H5 page and API request, with Flask-WTF.

The token lives in the session. Pages send it as the form field ``csrf_token``;
API clients read it from GET /Wx/Personal/csrf and send it in the
``X-CSRF-Token`` header (the field also works for form-encoded API posts).
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

HEADER_NAME = "X-CSRF-Token"


def init_app(app: Flask) -> None:
    app.config.update(
        # Blueprints call protect() themselves, after their login check, so
        # that a logged-out API client gets 401 rather than 403, and the
        # WeChat callback (signed by WeChat) is left alone.
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_HEADERS=[HEADER_NAME, "X-CSRFToken"],
        # The token expires with the session, not on a separate clock.
        WTF_CSRF_TIME_LIMIT=None,
        # The strict check demands a Referer on https, which privacy settings
        # and the Referrer-Policy can strip; the SameSite=Lax cookie and the
        # token already bind a request to this site.
        WTF_CSRF_SSL_STRICT=False,
    )
    csrf.init_app(app)


def protect() -> None:
    """Raise flask_wtf.csrf.CSRFError unless a state-changing request carries this session's token."""
    csrf.protect()
