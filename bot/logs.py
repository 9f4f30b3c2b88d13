"""Logging set-up and helpers that keep patient data out of log lines."""

from __future__ import annotations

import logging
import re

# WeChat openids: 28 characters of [A-Za-z0-9_-] starting with "o". Database
# errors quote a duplicate unique key in their own text, which
# hide_parameters cannot hide, so the formatter masks openids in every line.
_OPENID_PATTERN = re.compile(r"\bo[A-Za-z0-9_-]{27}\b")


class RedactingFormatter(logging.Formatter):
    """A formatter that masks anything shaped like an openid, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return _OPENID_PATTERN.sub(lambda match: mask_openid(match.group()), super().format(record))


def configure_logging(level: str) -> None:
    """Send log lines to stderr at level, one line per record."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler])

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
