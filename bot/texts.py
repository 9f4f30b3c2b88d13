"""Plain-text reply templates (templates/text/*.txt) rendered with Jinja.

Every value a template prints passes through ``_neutralize`` unless it is
Markup, which only our own link builder produces. WeChat turns ``<a href>`` in
a text reply into a tappable link, so angle brackets in a patient's name or
address would let that value inject a link; they become full-width brackets.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bot.config import PROJECT_ROOT

CLINIC_TIMEZONE = ZoneInfo("Asia/Shanghai")

APPOINTMENT_STATUS_LABELS = {1: "已关闭", 2: "待付款", 3: "已付款", 4: "已完成"}
CLAIM_STATUS_LABELS = {1: "已申请", 2: "已邮寄"}

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n\t]+")


def _neutralize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if not isinstance(value, str):
        return value

    text = _CONTROL_CHARACTERS.sub("", value)
    text = _LINE_BREAKS.sub(" ", text)
    return text.replace("<", "＜").replace(">", "＞")


def format_time(timestamp: int | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """Format Unix seconds in the clinic's time zone; 0 or None reads as 未定."""
    if not timestamp:
        return "未定"
    return datetime.fromtimestamp(timestamp, CLINIC_TIMEZONE).strftime(pattern)


def format_score(score: int | None) -> str:
    """Format a stage score; 0 means the stage is not scored yet, so it reads 暂无, not a failing 0."""
    return str(score) if score else "暂无"


def _make_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(PROJECT_ROOT / "templates" / "text"),
        autoescape=False,
        finalize=_neutralize,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    environment.filters["time"] = format_time
    environment.filters["score"] = format_score
    environment.filters["appointment_status"] = lambda code: APPOINTMENT_STATUS_LABELS.get(code, "未知")
    environment.filters["claim_status"] = lambda code: CLAIM_STATUS_LABELS.get(code, "未知")
    return environment


_environment = _make_environment()


def render_text(name: str, **context: object) -> str:
    """Render templates/text/NAME.txt into the content of a text reply."""
    return _environment.get_template(f"{name}.txt").render(**context).strip()
