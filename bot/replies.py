"""Render a handler's text into WeChat's passive reply XML."""

from __future__ import annotations

import logging
import re

from wechatpy.messages import BaseMessage
from wechatpy.replies import TextReply

log = logging.getLogger(__name__)

# WeChat drops text replies longer than this many bytes of UTF-8.
MAX_TEXT_BYTES = 2048

# Characters that XML 1.0 does not allow anywhere, even inside CDATA.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cdata_safe(text: str) -> str:
    """Make text safe inside a CDATA section.

    wechatpy writes values into ``<![CDATA[...]]>`` as they are, so a value
    containing ``]]>`` would end the section early and break the reply XML.
    """
    return _XML_INVALID.sub("", text).replace("]]>", "]]]]><![CDATA[>")


def render_reply(message: BaseMessage, text: str | None) -> str | None:
    """Return the passive text reply to message as XML, or None when there is nothing to say."""
    if not text:
        return None

    size = len(text.encode())
    if size > MAX_TEXT_BYTES:
        log.warning("reply: text of %s bytes exceeds WeChat's %s-byte limit type=%s", size, MAX_TEXT_BYTES, message.type)

    return TextReply(message=message, content=cdata_safe(text)).render()
