"""Jinja filters and globals of the H5 templates, reusing the bot's labels and time format."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from flask import Flask, session

from bot.config import Settings
from bot.texts import APPOINTMENT_STATUS_LABELS, CLAIM_STATUS_LABELS, CLINIC_TIMEZONE, format_score, format_time
from web.headers import AVATAR_HOSTS
from web.login import CARE_MODE_KEY

DEFAULT_AVATAR = "/static/h5/avatar.svg"
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def avatar_url(url: str | None) -> str:
    """Return a WeChat avatar URL the page may load (upgraded to https), or the default avatar."""
    if not url:
        return DEFAULT_AVATAR

    parts = urlsplit(url)
    secure = parts._replace(scheme="https").geturl()
    if parts.scheme in {"http", "https"} and f"https://{parts.hostname}" in AVATAR_HOSTS:
        return secure
    return DEFAULT_AVATAR


def datetime_local(timestamp: int | None) -> str:
    """Format Unix seconds as an <input type="datetime-local"> value in the clinic's time zone."""
    if not timestamp:
        return ""
    return datetime.fromtimestamp(timestamp, CLINIC_TIMEZONE).strftime(DATETIME_LOCAL_FORMAT)


def init_app(app: Flask, settings: Settings) -> None:
    from web import dev_login_enabled

    environment = app.jinja_env
    environment.filters["time"] = format_time
    environment.filters["score"] = format_score
    environment.filters["appointment_status"] = lambda code: APPOINTMENT_STATUS_LABELS.get(code, "未知")
    environment.filters["claim_status"] = lambda code: CLAIM_STATUS_LABELS.get(code, "未知")
    environment.filters["avatar_url"] = avatar_url
    environment.filters["datetime_local"] = datetime_local

    dev_mode = dev_login_enabled(settings)

    @app.context_processor
    def _page_globals() -> dict[str, object]:
        return {"care_mode": bool(session.get(CARE_MODE_KEY)), "dev_mode": dev_mode}
