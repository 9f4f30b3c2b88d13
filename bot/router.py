"""Route an incoming WeChat message to its handler by menu key, keyword or event type."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from wechatpy.messages import BaseMessage

from bot.links import Links


@dataclass(frozen=True)
class Inbound:
    """What every handler receives: the parsed message and the means to answer it."""

    message: BaseMessage
    db: Session
    links: Links

    @property
    def openid(self) -> str:
        return self.message.source


@dataclass(frozen=True)
class Answer:
    """A handler's result: the passive text reply (None means the literal `success`).

    ``view`` names the personal-center view that was answered and ``data`` holds
    the query result the text was rendered from, so that other channels (a
    template card, say) can reuse it without querying again.
    """

    text: str | None
    view: str = ""
    data: Any = None


Handler = Callable[[Inbound], Answer]


class DuplicateRouteError(Exception):
    """Two handlers were registered for the same menu key, keyword or event."""


# Punctuation, symbols and spaces that patients type around a keyword ("我的预约！", " 预约 ").
_NOISE_CATEGORIES = ("P", "S", "Z", "C")


def normalize_keyword(text: str) -> str:
    """Fold full-width forms and case, and drop punctuation, symbols and spaces.

    A text made only of punctuation ("？" or "?") keeps it, so that "?" can be a keyword.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(char for char in folded if not unicodedata.category(char).startswith(_NOISE_CATEGORIES))
    if kept:
        return kept
    return re.sub(r"\s+", "", folded)


@dataclass
class Router:
    """Handlers keyed by menu click key, keyword and event type; a key registered twice raises."""

    clicks: dict[str, Handler] = field(default_factory=dict)
    keywords: dict[str, Handler] = field(default_factory=dict)
    events: dict[str, Handler] = field(default_factory=dict)
    fallback_handler: Handler | None = None

    def click(self, *keys: str) -> Callable[[Handler], Handler]:
        """Register a handler for CLICK events with these event keys."""
        return self._register(self.clicks, "menu key", keys)

    def keyword(self, *words: str) -> Callable[[Handler], Handler]:
        """Register a handler for text messages that normalize to one of these words."""
        return self._register(self.keywords, "keyword", tuple(normalize_keyword(word) for word in words))

    def event(self, *types: str) -> Callable[[Handler], Handler]:
        """Register a handler for events of these types (wechatpy's lower-case names)."""
        return self._register(self.events, "event", tuple(kind.lower() for kind in types))

    def fallback(self, handler: Handler) -> Handler:
        """Register the handler for messages no other handler takes."""
        if self.fallback_handler is not None:
            raise DuplicateRouteError(f"fallback handler already registered: {self.fallback_handler.__qualname__}")
        self.fallback_handler = handler
        return handler

    def _register(self, table: dict[str, Handler], kind: str, keys: tuple[str, ...]) -> Callable[[Handler], Handler]:
        def decorator(handler: Handler) -> Handler:
            for key in keys:
                if key in table:
                    raise DuplicateRouteError(
                        f"{kind} {key!r} already handled by {table[key].__qualname__}, "
                        f"cannot register {handler.__qualname__}"
                    )
                table[key] = handler
            return handler

        return decorator

    def resolve(self, message: BaseMessage) -> Handler | None:
        """Return the handler for message; None means the message needs no answer."""
        if message.type == "text":
            return self.keywords.get(normalize_keyword(message.content or "")) or self.fallback_handler

        if message.type != "event":
            return self.fallback_handler

        if message.event == "click":
            return self.clicks.get(message.key or "") or self.fallback_handler

        return self.events.get(message.event)
