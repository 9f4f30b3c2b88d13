"""`chat`: a terminal stand-in for the WeChat app.

It builds the XML WeChat would send, signs it (and encrypts it in safe mode)
with the configured token and key, posts it to a running server's /wechat,
and prints the decoded reply. With the local WeChat sandbox running, it also
prints the template cards the patient received.
"""

from __future__ import annotations

import argparse
import sys

import requests
import xmltodict

from bot.cli.chat_cards import CARD_WAIT_SECONDS, CardInbox, sandbox_url
from bot.config import Settings
from bot.demo import DEMO_PATIENTS, PATIENT_WITH_EVERYTHING
from bot.simulator import Simulator, make_click, make_event, make_text
from handlers import menu_keys

MENU = [
    (menu_keys.MY_APPOINTMENTS, "我的预约"),
    (menu_keys.MY_VISITS, "就诊记录"),
    (menu_keys.MY_CLAIMS, "药膳领取"),
    (menu_keys.MY_REPORT, "我的成绩单"),
    (menu_keys.MY_PROFILE, "个人信息"),
    (menu_keys.GUIDE_TEL, "导诊电话"),
    (menu_keys.HELP, "使用帮助"),
]

HELP = """输入文字即作为消息发送，或使用命令：
  /menu            列出菜单，/m N 点击第 N 项
  /click KEY       按事件 KEY 点击菜单
  /user N|OPENID   切换演示患者（/user 列出全部）
  /cards           列出当前患者收到的全部模板消息
  /safe            切换安全模式（加密）
  /subscribe       发送关注事件；/unsubscribe 发送取消关注事件
  /quit            退出"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("chat", help="chat with a running server as a WeChat user would")
    parser.add_argument("--url", default="http://127.0.0.1:5000", help="server address (default http://127.0.0.1:5000)")
    parser.add_argument("--openid", default=PATIENT_WITH_EVERYTHING, help="the patient to act as (default: demo patient 王小美)")
    parser.add_argument("--safe", action="store_true", help="send in safe mode (encrypted), as most accounts are set up")
    parser.add_argument("--raw", action="store_true", help="print the reply XML instead of its text")
    parser.add_argument("--sandbox", metavar="URL", help="WeChat sandbox to read template cards from (default: wechat.api_base_url when it is on this machine)")
    once = parser.add_mutually_exclusive_group()
    once.add_argument("--text", help="send this text message once and exit")
    once.add_argument("--click", metavar="KEY", help="click the menu item with this event key once and exit")
    once.add_argument("--event", choices=["subscribe", "unsubscribe"], help="send this event once and exit")
    parser.set_defaults(run=run)


class ChatSession:
    def __init__(self, settings: Settings, arguments: argparse.Namespace) -> None:
        self.simulator = Simulator(settings.wechat)
        self.endpoint = arguments.url.rstrip("/") + "/wechat"
        self.openid = arguments.openid
        self.safe = arguments.safe
        self.raw = arguments.raw
        url = sandbox_url(settings, arguments.sandbox)
        self.inbox = CardInbox(url, settings) if url else None

    def new_cards(self) -> str:
        """Return the template cards that arrived since the last look, rendered; empty without a sandbox."""
        if self.inbox is None:
            return ""
        try:
            cards = self.inbox.unseen(self.openid, wait_seconds=CARD_WAIT_SECONDS)
        except requests.RequestException:
            return f"（无法读取模拟微信接口 {self.inbox.url} 的模板消息，请确认 python run.py sandbox 正在运行）"
        return "\n".join(self.inbox.render(card) for card in cards)

    def all_cards(self) -> str:
        if self.inbox is None:
            return "未连接模拟微信接口，看不到模板消息；请用 --sandbox 指定地址。"
        try:
            cards = self.inbox.all(self.openid)
        except requests.RequestException:
            return f"（无法读取模拟微信接口 {self.inbox.url} 的模板消息，请确认 python run.py sandbox 正在运行）"
        if not cards:
            return "当前患者还没有收到模板消息。"
        return f"当前患者已收到 {len(cards)} 条模板消息：\n" + "\n".join(self.inbox.render(card) for card in cards)

    def send(self, xml: str) -> str:
        """Post xml as WeChat would and return what the patient would see."""
        signed = self.simulator.request(xml, safe=self.safe)
        response = requests.post(
            self.endpoint,
            params=signed.params,
            data=signed.body.encode(),
            headers={"Content-Type": "text/xml"},
            timeout=10,
        )
        if response.status_code != 200:
            return f"[HTTP {response.status_code}] 微信会显示：该公众号暂时无法提供服务，请稍后再试"

        reply = self.simulator.decode_reply(response.text, signed.params)
        if self.raw:
            return reply
        if reply in ("", "success"):
            return "（无回复：服务器回答 success）"
        return xmltodict.parse(reply)["xml"].get("Content") or reply


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    chat = ChatSession(settings, arguments)
    try:
        if arguments.text is not None:
            _print_with_cards(chat, chat.send(make_text(chat.openid, arguments.text)))
        elif arguments.click:
            _print_with_cards(chat, chat.send(make_click(chat.openid, arguments.click)))
        elif arguments.event:
            _print_with_cards(chat, chat.send(make_event(chat.openid, arguments.event)))
        else:
            _interactive(chat)
    except requests.RequestException as error:
        print(f"无法连接 {chat.endpoint}：{error}\n请先在另一个终端运行 python run.py serve", file=sys.stderr)
        return 1
    return 0


def _print_with_cards(chat: ChatSession, output: str) -> None:
    print(output)
    cards = chat.new_cards()
    if cards:
        print(cards)


def _interactive(chat: ChatSession) -> None:
    print(HELP)
    _print_status(chat)
    if chat.inbox is not None:
        print(chat.all_cards())
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return
        if line.startswith("/"):
            print(_command(chat, line))
        else:
            _print_with_cards(chat, chat.send(make_text(chat.openid, line)))


def _command(chat: ChatSession, line: str) -> str:
    name, _, argument = line.partition(" ")
    argument = argument.strip()

    if name == "/menu":
        return "\n".join(f"{number}. {label}（{key}）" for number, (key, label) in enumerate(MENU, start=1))
    if name == "/m":
        if argument.isdigit() and 1 <= int(argument) <= len(MENU):
            return _with_cards(chat, chat.send(make_click(chat.openid, MENU[int(argument) - 1][0])))
        return f"没有第 {argument or '?'} 项菜单，请输入 1 到 {len(MENU)} 之间的数字；/menu 可查看菜单。"
    if name == "/click" and argument:
        return _with_cards(chat, chat.send(make_click(chat.openid, argument)))
    if name in ("/subscribe", "/unsubscribe"):
        return _with_cards(chat, chat.send(make_event(chat.openid, name[1:])))
    if name == "/cards":
        return chat.all_cards()
    if name == "/safe":
        chat.safe = not chat.safe
        return _status(chat)
    if name == "/user":
        return _switch_user(chat, argument)
    return HELP


def _switch_user(chat: ChatSession, argument: str) -> str:
    patients = list(DEMO_PATIENTS.items())
    if not argument:
        return "\n".join(f"{number}. {openid}  {summary}" for number, (openid, summary) in enumerate(patients, start=1))
    if argument.isdigit() and 1 <= int(argument) <= len(patients):
        chat.openid = patients[int(argument) - 1][0]
    else:
        chat.openid = argument
    if chat.inbox is None:
        return _status(chat)
    return f"{_status(chat)}\n{chat.all_cards()}"


def _with_cards(chat: ChatSession, output: str) -> str:
    cards = chat.new_cards()
    return f"{output}\n{cards}" if cards else output


def _status(chat: ChatSession) -> str:
    mode = "安全模式（加密）" if chat.safe else "明文模式"
    return f"当前用户 {chat.openid}，{mode}，服务器 {chat.endpoint}"


def _print_status(chat: ChatSession) -> None:
    print(_status(chat))
