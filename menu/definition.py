"""Read the menu file and fill its placeholders from the settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.config import PROJECT_ROOT

DEFAULT_MENU_FILE = PROJECT_ROOT / "menu.json"

# The only placeholder: the public base URL, so one file serves every deployment.
BASE_URL_PLACEHOLDER = "{base_url}"
_ANY_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


class MenuFileError(Exception):
    """The menu file is missing or not valid JSON; the message is a Chinese sentence for operators."""


def load_menu(path: Path, base_url: str) -> dict:
    """Return the menu in WeChat's button format, with {base_url} replaced in every string."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MenuFileError(f"找不到菜单文件 {path}，请用 --file 指定，或在项目根目录放置 menu.json。") from None

    try:
        menu = json.loads(text)
    except json.JSONDecodeError as error:
        raise MenuFileError(f"菜单文件 {path} 第 {error.lineno} 行第 {error.colno} 列不是有效的 JSON（{error.msg}），请修正后重试。") from None

    return _fill(menu, base_url)


def _fill(value, base_url: str):
    if isinstance(value, str):
        return value.replace(BASE_URL_PLACEHOLDER, base_url)
    if isinstance(value, list):
        return [_fill(item, base_url) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, base_url) for key, item in value.items()}
    return value


def unknown_placeholders(text: str) -> list[str]:
    """Return placeholders left in text after filling, such as a misspelt {base_ur}."""
    return _ANY_PLACEHOLDER.findall(text)
