"""Validation of the `next` page a login returns to, so that it can never leave this site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HOME = "/h5/"
MAX_NEXT_LENGTH = 512

# Login pages themselves are never a destination, so a bad link cannot loop.
_LOGIN_PATHS = ("/h5/auth", "/h5/dev-login")
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(value: str | None) -> str:
    """Return value when it is a local /h5/ page path (with an optional query), else the home page."""
    if not value or len(value) > MAX_NEXT_LENGTH or _UNSAFE_CHARACTERS.search(value):
        return HOME

    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.fragment:
        return HOME
    if not parts.path.startswith("/h5/") or parts.path.startswith(_LOGIN_PATHS):
        return HOME
    return value


def current_page(full_path: str) -> str:
    """Return Flask's request.full_path without the bare '?' it appends to a path with no query."""
    return full_path[:-1] if full_path.endswith("?") else full_path
