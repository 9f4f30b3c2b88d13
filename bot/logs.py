"""Logging set-up and helpers that keep patient data out of log lines."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    """Send log lines to stderr at level, one line per record."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    # Werkzeug's access log prints whole query strings, and WeChat puts the
    # patient's openid in the callback's query; bot.app logs requests instead.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def mask_openid(openid: str | None) -> str:
    """Return enough of an openid to tell log lines apart, never the whole id."""
    if not openid:
        return "-"
    if len(openid) <= 8:
        return "***"
    return f"{openid[:3]}***{openid[-4:]}"
