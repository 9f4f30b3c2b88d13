"""Menu answers as template cards, sent after the passive reply.

Per menu key, menu_reply chooses text (the passive reply), card (template
messages instead) or both. A card is built from the same query result the
text reply was rendered from (Answer.data). It is recorded and sent once the
response has gone out, so it never delays the reply WeChat waits 5 s for.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from flask import after_this_request, has_request_context
from wechatpy.messages import BaseMessage

from bot.db import transaction
from bot.links import Links
from bot.logs import mask_openid
from bot.router import Answer
from bot.services import Services
from bot.texts import format_time
from models.base import ClaimStatus
from notices import kinds
from notices.dispatch import enqueue, pending, send_inline, uses_queue
from notices.outbox import record

log = logging.getLogger(__name__)

# A card per row for at most this many rows; the text reply and H5 page list the rest.
MAX_CARDS = 3


def apply_menu_reply(services: Services, message: BaseMessage, answer: Answer) -> Answer:
    """Return the answer to reply with, after scheduling the cards that the menu key's mode asks for."""
    if message.type != "event" or message.event != "click":
        return answer

    mode = services.settings.menu_reply.mode(message.key or "")
    if mode == "text":
        return answer

    cards = build_cards(answer, message, services.links)
    if not cards:
        # Nothing to show as a card (no rows): the patient still gets the text.
        return answer

    _after_response(lambda: send_cards(services, cards, message.source))
    if mode == "both":
        return answer
    return Answer(text=None, view=answer.view, data=answer.data)


def build_cards(answer: Answer, message: BaseMessage, links: Links) -> list[kinds.Notice]:
    """Return card notices for the view answered, one event per click."""
    version = _click_version(message)
    openid = message.source

    if answer.view == "appointments":
        return [_appointment_card(item, openid, version, links) for item in (answer.data or [])[:MAX_CARDS]]
    if answer.view == "claims":
        mailed = [item for item in (answer.data or []) if item.status == ClaimStatus.MAILED and item.express_no]
        return [_mailed_card(item, openid, version, links) for item in mailed[:MAX_CARDS]]
    if answer.view == "report" and answer.data is not None:
        return [_report_card(answer.data, openid, version, links)]
    return []


def send_cards(services: Services, cards: list[kinds.Notice], openid: str) -> None:
    """Record the cards in the send log and send them (queued or inline); log, never raise."""
    try:
        with transaction(services.sessions) as session:
            recorded = [record(session, card, services.settings.notices) for card in cards]
        log_ids = pending(recorded)
        if uses_queue(services):
            enqueue(services, log_ids)
        else:
            send_inline(services, log_ids)
    except Exception:
        log.exception("cards: sending menu cards failed count=%s user=%s", len(cards), mask_openid(openid))


def _after_response(work: Callable[[], None]) -> None:
    if not has_request_context():
        work()
        return

    @after_this_request
    def _register(response):
        response.call_on_close(work)
        return response


def _click_version(message: BaseMessage) -> str:
    # One click is one event: WeChat's retries of it carry the same sender and CreateTime.
    digest = hashlib.sha256(f"{message.source}:{message.time}".encode()).hexdigest()[:24]
    return f"click-{digest}"


def _appointment_card(item, openid: str, version: str, links: Links) -> kinds.Notice:
    return kinds.Notice(
        kind="card_appointment",
        template=kinds.APPOINTMENT,
        business_id=item.id,
        event_version=version,
        openid=openid,
        url=links.h5(f"/h5/appointments/{item.id}"),
        values=kinds.visit_values(item),
    )


def _mailed_card(item, openid: str, version: str, links: Links) -> kinds.Notice:
    return kinds.Notice(
        kind="card_mailed",
        template=kinds.MAILED,
        business_id=item.id,
        event_version=version,
        openid=openid,
        url=links.h5("/h5/claims"),
        values={"goods": item.goods_name or "药膳", "courier": item.express_company, "tracking_no": item.express_no, "recipient": item.name},
    )


def _report_card(report, openid: str, version: str, links: Links) -> kinds.Notice:
    return kinds.Notice(
        kind="card_report",
        template=kinds.REPORT,
        business_id=0,
        event_version=version,
        openid=openid,
        url=links.h5("/h5/report"),
        values={"title": "我的孕产成绩单", "score": str(report.score), "time": format_time(report.update_time, kinds.TEMPLATE_TIME)},
    )
