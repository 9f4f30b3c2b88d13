"""Template cards a chat patient received, read from the sandbox's record of sent messages."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import requests

from bot.config import LOCAL_HOSTS, Settings
from notices.kinds import KIND_LABELS, KINDS

# Card labels of the values a notice fills, as the account's templates would show them.
VALUE_LABELS = {
    "patient": "就诊人",
    "time": "时间",
    "hospital": "医院",
    "expert": "医生",
    "order_no": "订单号",
    "status": "状态",
    "result": "审核结果",
    "reason": "说明",
    "next_step": "下一步",
    "goods": "药膳",
    "courier": "快递公司",
    "tracking_no": "快递单号",
    "recipient": "收件人",
    "tel": "导诊电话",
    "title": "事项",
    "score": "总成绩",
}

# After a reply, how long to look for cards the server sends once the reply is out.
CARD_WAIT_SECONDS = 1.0
POLL_SECONDS = 0.1


def sandbox_url(settings: Settings, given: str | None) -> str | None:
    """Return the sandbox to read cards from: --sandbox, else the API base URL when it is on this machine."""
    if given:
        return given.rstrip("/")
    if urlsplit(settings.wechat.api_base_url).hostname in LOCAL_HOSTS:
        return settings.wechat.api_base_url
    return None


class CardInbox:
    """The template messages the sandbox delivered, shown to each patient once."""

    def __init__(self, url: str, settings: Settings) -> None:
        self.url = url
        self.seen: set[int] = set()
        self.titles = {settings.notices.template_id(kind): KIND_LABELS[kind] for kind in KINDS}
        self.labels = {
            settings.notices.template_id(kind): {keyword: VALUE_LABELS.get(name, name) for name, keyword in settings.notices.field_map(kind).items()}
            for kind in KINDS
        }

    def unseen(self, openid: str, wait_seconds: float = 0.0) -> list[dict]:
        """Return the patient's cards not shown yet, waiting up to wait_seconds for the first one."""
        deadline = time.monotonic() + wait_seconds
        while True:
            cards = [card for card in self._fetch(openid) if card["msgid"] not in self.seen]
            if cards or time.monotonic() >= deadline:
                self.seen.update(card["msgid"] for card in cards)
                return cards
            time.sleep(POLL_SECONDS)

    def all(self, openid: str) -> list[dict]:
        cards = self._fetch(openid)
        self.seen.update(card["msgid"] for card in cards)
        return cards

    def render(self, card: dict) -> str:
        template_id = card.get("template_id")
        labels = self.labels.get(template_id, {})
        lines = [f"【模板消息】{self.titles.get(template_id, '通知')}"]
        data = card.get("data") or {}
        for keyword in sorted(data, key=_keyword_number):
            item = data[keyword]
            lines.append(f"  {labels.get(keyword, keyword)}：{item.get('value', '')}")
        if card.get("url"):
            lines.append(f"  详情：{card['url']}")
        return "\n".join(lines)

    def _fetch(self, openid: str) -> list[dict]:
        response = requests.get(f"{self.url}/sandbox/messages", params={"touser": openid}, timeout=5)
        response.raise_for_status()
        return response.json()


def _keyword_number(keyword: str) -> int:
    """Return the number of a keyword (5 for phone_number5): the order of the template's lines."""
    digits = keyword[len(keyword.rstrip("0123456789")):]
    return int(digits) if digits else 0
