"""Validation of what a patient submits: appointment id, patient name, booking time.

Each parser returns the clean value or raises InvalidInput naming the field
and the Chinese sentence that says what the patient should do.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from bot.texts import CLINIC_TIMEZONE
from models.base import MAX_ID

NAME_MAX_LENGTH = 20
# mtd_register.id is a BIGINT.

# The value of <input type="datetime-local">, in the clinic's time zone.
_DATETIME_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")
_DIGITS = re.compile(r"[0-9]{1,19}")


class InvalidInput(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"invalid {field}")
        self.field = field
        self.message = message


def parse_id(raw: Any) -> int:
    """Return a positive appointment id from a query, form or JSON value."""
    if raw is None or raw == "":
        raise InvalidInput("id", "缺少预约编号，请返回预约列表重新打开。")

    number = _whole_number(raw)
    if number is None or not 1 <= number <= MAX_ID:
        raise InvalidInput("id", "预约编号无效，请返回预约列表重新打开。")
    return number


def parse_name(raw: Any) -> str:
    """Return the trimmed patient name: 1 to 20 characters, no control characters."""
    if raw is not None and not isinstance(raw, str):
        raise InvalidInput("name", "姓名格式不正确，请重新填写。")

    name = (raw or "").strip()
    if not name:
        raise InvalidInput("name", "请填写就诊人姓名。")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidInput("name", f"姓名不能超过 {NAME_MAX_LENGTH} 个字，请修改后再提交。")
    # Cs: lone surrogates, which JSON can carry but no database encoding accepts.
    if any(unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for char in name):
        raise InvalidInput("name", "姓名中有无法识别的字符，请重新输入。")
    return name


def parse_bespeak_time(raw: Any, now: int, window_days: int) -> int:
    """Return the booking time in Unix seconds, later than now and at most window_days ahead.

    Accepts Unix seconds (a number or a string of digits) or a datetime-local
    value such as 2026-12-05T09:30, read in the clinic's time zone.
    """
    if raw is None or raw == "":
        raise InvalidInput("bespeak_time", "请选择预约时间。")

    moment = _unix_seconds(raw)
    if moment is None:
        raise InvalidInput("bespeak_time", "预约时间格式不正确，请重新选择。")
    if moment <= now:
        raise InvalidInput("bespeak_time", "预约时间已经过去，请选择之后的时间。")
    if moment > now + window_days * 86400:
        raise InvalidInput("bespeak_time", f"只能预约 {window_days} 天以内的时间，请重新选择。")
    return moment


def _whole_number(raw: Any) -> int | None:
    # bool is an int subclass, and JSON true must not read as id 1.
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and _DIGITS.fullmatch(raw.strip()):
        return int(raw.strip())
    return None


def _unix_seconds(raw: Any) -> int | None:
    number = _whole_number(raw)
    if number is not None:
        return number
    if isinstance(raw, str) and _DATETIME_LOCAL.fullmatch(raw.strip()):
        try:
            local = datetime.fromisoformat(raw.strip())
        except ValueError:
            return None
        return int(local.replace(tzinfo=CLINIC_TIMEZONE).timestamp())
    return None
