"""Check a menu against WeChat's limits and against the click keys our router handles.

Custom menu rules (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html):
1 to 3 top-level buttons, each with up to 5 sub-buttons; a name is at most 16
bytes at the top level and 60 bytes below it; a key at most 128 bytes; a URL
at most 1024 bytes. WeChat counts bytes of UTF-8, so a Chinese character is 3.
"""

from __future__ import annotations

from collections.abc import Iterable

from menu.definition import unknown_placeholders

MAX_BUTTONS = 3
MAX_SUB_BUTTONS = 5
MAX_TOP_NAME_BYTES = 16
MAX_SUB_NAME_BYTES = 60
MAX_KEY_BYTES = 128
MAX_URL_BYTES = 1024

# Button types and the field each one needs besides its name.
BUTTON_FIELDS = {
    "click": "key",
    "scancode_push": "key",
    "scancode_waitmsg": "key",
    "pic_sysphoto": "key",
    "pic_photo_or_album": "key",
    "pic_weixin": "key",
    "location_select": "key",
    "view": "url",
    "media_id": "media_id",
    "article_id": "article_id",
    "article_view_limited": "article_id",
    "miniprogram": "url",
}


def validate_menu(menu: object, handled_keys: Iterable[str]) -> list[str]:
    """Return every problem with menu as a Chinese sentence naming the button; empty when valid."""
    if not isinstance(menu, dict) or not isinstance(menu.get("button"), list):
        return ['菜单文件的顶层必须是 {"button": [...]}。']

    handled = set(handled_keys)
    buttons = menu["button"]
    problems = []
    if not 1 <= len(buttons) <= MAX_BUTTONS:
        problems.append(f"一级菜单有 {len(buttons)} 个，微信要求 1 到 {MAX_BUTTONS} 个。")

    for index, button in enumerate(buttons, start=1):
        problems.extend(_check_top(button, index, handled))
    return problems


def _check_top(button: object, index: int, handled: set[str]) -> list[str]:
    if not isinstance(button, dict):
        return [f"第 {index} 个一级菜单不是对象。"]

    label = f"一级菜单“{button.get('name', index)}”"
    problems = _check_name(button, label, MAX_TOP_NAME_BYTES)
    subs = button.get("sub_button")
    if subs is None:
        return problems + _check_action(button, label, handled)

    if "type" in button:
        problems.append(f"{label}既有子菜单又有 type，微信会忽略 type，请删除 type。")
    if not isinstance(subs, list) or not 1 <= len(subs) <= MAX_SUB_BUTTONS:
        count = len(subs) if isinstance(subs, list) else 0
        problems.append(f"{label}有 {count} 个子菜单，微信要求 1 到 {MAX_SUB_BUTTONS} 个。")
        return problems

    for sub_index, sub in enumerate(subs, start=1):
        if not isinstance(sub, dict):
            problems.append(f"{label}的第 {sub_index} 个子菜单不是对象。")
            continue
        sub_label = f"子菜单“{button.get('name', index)} > {sub.get('name', sub_index)}”"
        if "sub_button" in sub:
            problems.append(f"{sub_label}不能再有子菜单，微信只支持两级菜单。")
        problems.extend(_check_name(sub, sub_label, MAX_SUB_NAME_BYTES))
        problems.extend(_check_action(sub, sub_label, handled))
    return problems


def _check_name(button: dict, label: str, max_bytes: int) -> list[str]:
    name = button.get("name")
    if not isinstance(name, str) or not name.strip():
        return [f"{label}缺少名称 name。"]
    size = len(name.encode())
    if size > max_bytes:
        return [f"{label}的名称有 {size} 字节，超过微信限制的 {max_bytes} 字节（一个汉字 3 字节），请缩短。"]
    return []


def _check_action(button: dict, label: str, handled: set[str]) -> list[str]:
    kind = button.get("type")
    if kind not in BUTTON_FIELDS:
        return [f"{label}的 type {kind!r} 无效，可用：{', '.join(BUTTON_FIELDS)}。"]

    field = BUTTON_FIELDS[kind]
    value = button.get(field)
    if not isinstance(value, str) or not value:
        return [f"{label}的类型是 {kind}，必须填写 {field}。"]

    if field == "key":
        return _check_key(value, kind, label, handled)
    if field == "url":
        return _check_url(value, label) + _check_miniprogram(button, kind, label)
    return []


def _check_key(key: str, kind: str, label: str, handled: set[str]) -> list[str]:
    problems = []
    if len(key.encode()) > MAX_KEY_BYTES:
        problems.append(f"{label}的 key 超过 {MAX_KEY_BYTES} 字节，请缩短。")
    if kind == "click" and key not in handled:
        problems.append(f"{label}的 key {key} 没有对应的处理函数，点击后患者会收到帮助说明；请改用已有的 key 或先添加处理函数。")
    return problems


def _check_url(url: str, label: str) -> list[str]:
    problems = []
    if not url.startswith(("http://", "https://")):
        problems.append(f"{label}的链接 {url!r} 必须以 http:// 或 https:// 开头。")
    if len(url.encode()) > MAX_URL_BYTES:
        problems.append(f"{label}的链接超过 {MAX_URL_BYTES} 字节，请缩短。")
    for placeholder in unknown_placeholders(url):
        problems.append(f"{label}的链接含有未知占位符 {placeholder}，只支持 {{base_url}}。")
    return problems


def _check_miniprogram(button: dict, kind: str, label: str) -> list[str]:
    if kind != "miniprogram":
        return []
    missing = [field for field in ("appid", "pagepath") if not button.get(field)]
    return [f"{label}的类型是 miniprogram，必须填写 {', '.join(missing)}。"] if missing else []
