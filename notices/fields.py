"""Fit a value to its template keyword's type, as WeChat requires since 2023-05-04.

https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html

A keyword's type is its name without the number (thing1 is a thing). Every
value is one line of at most 20 characters, and some types are stricter:
phrase is up to 5 Chinese characters, character_string up to 32 letters,
digits or symbols, phone_number up to 17 digits or symbols. WeChat rejects a
value that breaks its type's rule (47003), so values are cleaned and cut here.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
MAX_CHARACTERS = 20

# Per-type length limits; the 20-character rule caps them all.
TYPE_LIMITS = {
    "thing": 20,
    "character_string": 32,
    "phrase": 5,
    "number": 32,
    "letter": 32,
    "symbol": 5,
    "phone_number": 17,
    "car_number": 8,
    "name": 10,
}

# Characters each strict type allows; anything else is dropped.
ALLOWED = {
    "character_string": re.compile(r"[\x21-\x7e]"),
    "phrase": re.compile(r"[\u4e00-\u9fff]"),
    "number": re.compile(r"[0-9.]"),
    "letter": re.compile(r"[A-Za-z]"),
    "phone_number": re.compile(r"[0-9+\-() ]"),
}

# Types whose characters exclude "…", so they are cut without it.
NO_ELLIPSIS = frozenset(ALLOWED)

# Shown in place of a value that is empty after cleaning; WeChat rejects empty values.
PLACEHOLDERS = {"character_string": "-", "number": "0", "phone_number": "-", "letter": "NA", "phrase": "无"}
DEFAULT_PLACEHOLDER = "无"

_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r" {2,}")


def keyword_type(keyword: str) -> str:
    """Return the type of a template keyword: thing for thing1, time for time12."""
    return keyword.rstrip("0123456789")


def fit_value(keyword: str, value: object) -> str:
    """Return value as one line that WeChat accepts for keyword, cut with "…" when too long."""
    kind = keyword_type(keyword)
    text = _one_line(str(value if value is not None else ""))

    pattern = ALLOWED.get(kind)
    if pattern is not None:
        text = "".join(char for char in text if pattern.fullmatch(char)).strip()
    if not text:
        return PLACEHOLDERS.get(kind, DEFAULT_PLACEHOLDER)

    limit = min(TYPE_LIMITS.get(kind, MAX_CHARACTERS), MAX_CHARACTERS)
    if len(text) <= limit:
        return text
    if kind in NO_ELLIPSIS:
        return text[:limit]
    return text[: limit - 1] + ELLIPSIS


def _one_line(text: str) -> str:
    text = _LINE_BREAKS.sub(" ", text)
    text = _CONTROL_CHARACTERS.sub("", text)
    return _SPACES.sub(" ", text).strip()
