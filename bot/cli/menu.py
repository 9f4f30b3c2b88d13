"""`menu`: check, push, show or delete the custom menu of the official account."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from wechatpy.exceptions import WeChatClientException

from bot.config import Settings
from bot.wechat_api import ApiClient, ApiNetworkError, TokenUnavailable
from menu.definition import DEFAULT_MENU_FILE, MenuFileError, load_menu
from menu.validation import validate_menu

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "menu",
        help="check, push, show or delete the custom menu",
        description="管理公众号自定义菜单：check 只检查菜单文件，push 检查后发布，show 显示微信上的当前菜单，delete 删除菜单。",
    )
    parser.add_argument("action", choices=["check", "push", "show", "delete"], help="what to do with the menu")
    parser.add_argument("--file", type=Path, default=DEFAULT_MENU_FILE, help=f"menu file in WeChat's JSON button format (default {DEFAULT_MENU_FILE.name})")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    if arguments.action in ("check", "push"):
        menu = _checked_menu(settings, arguments.file)
        if menu is None:
            return 1
        if arguments.action == "check":
            print(f"菜单文件 {arguments.file} 检查通过：")
            _print_tree(menu)
            return 0

    try:
        return _call(settings, arguments.action, menu if arguments.action == "push" else None)
    except WeChatClientException as error:
        log.error("menu %s: WeChat refused errcode=%s errmsg=%s", arguments.action, error.errcode, error.errmsg)
        print(f"微信拒绝了请求：{error.errcode} {error.errmsg}。请检查菜单内容和公众号权限后重试。")
    except (ApiNetworkError, TokenUnavailable) as error:
        log.error("menu %s: WeChat API unavailable error=%s", arguments.action, error)
        print(f"无法连接微信接口（{error}），请检查网络、wechat.api_base_url 和 IP 白名单后重试。")
    return 1


def _checked_menu(settings: Settings, path: Path) -> dict | None:
    from handlers import router

    try:
        menu = load_menu(path, settings.site.base_url)
    except MenuFileError as error:
        print(error)
        return None

    problems = validate_menu(menu, router.clicks)
    if problems:
        print(f"菜单文件 {path} 有 {len(problems)} 处问题，未发布：")
        for problem in problems:
            print(f"  - {problem}")
        return None
    return menu


def _call(settings: Settings, action: str, menu: dict | None) -> int:
    from bot.cache import connect_redis

    client = ApiClient(settings.wechat, connect_redis(settings.redis.url))
    if action == "push":
        client.menu.create(menu)
        print("菜单已发布。微信客户端可能需要几分钟才显示新菜单，取消关注再关注可立即看到。")
        _print_tree(menu)
    elif action == "delete":
        client.menu.delete()
        print("菜单已删除。")
    else:
        current = client.menu.get()
        if current is None:
            print("公众号当前没有自定义菜单。运行 python run.py menu push 发布菜单。")
        else:
            _print_tree(current.get("menu", current))
    return 0


def _print_tree(menu: dict) -> None:
    for button in menu.get("button", []):
        print(f"  {button.get('name')}{_action(button)}")
        for sub in button.get("sub_button", []) or []:
            print(f"    └ {sub.get('name')}{_action(sub)}")


def _action(button: dict) -> str:
    if button.get("type") == "click":
        return f"（点击：{button.get('key')}）"
    if button.get("type") == "view":
        return f"（链接：{button.get('url')}）"
    if button.get("type"):
        return f"（{button.get('type')}）"
    return ""
