"""Run the handler for one message inside a database transaction; free of Flask."""

from __future__ import annotations

import logging

from wechatpy.messages import BaseMessage

from bot.db import transaction
from bot.logs import mask_openid
from bot.router import Answer, Inbound
from bot.services import Services
from bot.texts import render_text

log = logging.getLogger(__name__)


def dispatch(app_services: Services, message: BaseMessage) -> Answer:
    """Return the answer to message.

    A handler that raises is logged with the message's ids, its writes are
    rolled back, and the patient gets a short apology instead of WeChat's
    "该公众号暂时无法提供服务".
    """
    handler = app_services.router.resolve(message)
    if handler is None:
        return Answer(text=None)

    try:
        with transaction(app_services.sessions) as session:
            return handler(Inbound(message=message, db=session, links=app_services.links))
    except Exception:
        log.exception(
            "dispatch: handler %s failed type=%s event=%s user=%s",
            handler.__qualname__,
            message.type,
            getattr(message, "event", "-"),
            mask_openid(message.source),
        )
        return Answer(text=render_text("error"))
