"""Validate and parse the XML body of a WeChat callback into a wechatpy message."""

from __future__ import annotations

import re

import xmltodict
from wechatpy import parse_message
from wechatpy.messages import BaseMessage, UnknownMessage
from xml.parsers.expat import ExpatError

# Openids are 28 characters of [A-Za-z0-9_-] today; allow some slack without
# letting arbitrary text through to logs and queries.
_OPENID = re.compile(r"[A-Za-z0-9_-]{6,64}")
_DIGITS = re.compile(r"\d{1,12}")
_MESSAGE_ID = re.compile(r"\d{1,19}")
_DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_BYTES = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class BadMessage(ValueError):
    """The body is not a WeChat message this service can act on."""


def parse_body(body: bytes | str) -> BaseMessage:
    """Parse a plaintext callback body; raise BadMessage for anything malformed.

    A DTD or entity declaration is rejected before parsing, because WeChat never
    sends one and entity expansion is the classic XML attack.
    """
    text = _decode(body)
    reject_declarations(text)

    fields = _parse_fields(text)
    _check_fields(fields)

    message = parse_message(text)
    if isinstance(message, UnknownMessage) and fields["MsgType"].lower() == "event":
        # wechatpy gives unknown events the type "unknown"; restore "event" so
        # the router answers them with `success` instead of the help text.
        message.type = "event"
        message.event = str(fields.get("Event") or "").lower()
    return message


def reject_declarations(body: bytes | str) -> None:
    """Raise BadMessage for XML carrying a DTD or entity declaration."""
    pattern = _DECLARATION_BYTES if isinstance(body, bytes) else _DECLARATION
    if pattern.search(body):
        raise BadMessage("XML with a DTD or entity declaration")


def _decode(body: bytes | str) -> str:
    if isinstance(body, str):
        return body
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadMessage(f"body is not UTF-8 at byte {error.start}") from None


def _parse_fields(text: str) -> dict:
    if not text.strip():
        raise BadMessage("empty body")
    try:
        document = xmltodict.parse(text, disable_entities=True)
    except (ExpatError, ValueError) as error:
        raise BadMessage(f"malformed XML: {error}") from None

    fields = document.get("xml")
    if not isinstance(fields, dict):
        raise BadMessage("root element is not <xml> with child elements")
    return fields


def _is_message_id(value: object) -> bool:
    # Stored in BIGINT columns, so ids must fit a signed 64-bit integer.
    return isinstance(value, str) and bool(_MESSAGE_ID.fullmatch(value)) and int(value) < 2**63


def _check_fields(fields: dict) -> None:
    for name in ("ToUserName", "FromUserName", "CreateTime", "MsgType"):
        if not isinstance(fields.get(name), str) or not fields[name]:
            raise BadMessage(f"missing or non-text {name}")

    if not _OPENID.fullmatch(fields["FromUserName"]):
        raise BadMessage("FromUserName is not an openid")
    if not _DIGITS.fullmatch(fields["CreateTime"]):
        raise BadMessage("CreateTime is not Unix seconds")
    # Messages carry MsgId; template delivery reports carry MsgID.
    for name in ("MsgId", "MsgID"):
        message_id = fields.get(name)
        if message_id is not None and not _is_message_id(message_id):
            raise BadMessage(f"{name} is not a 64-bit number")

    for name in ("Content", "Event", "EventKey"):
        if name in fields and fields[name] is not None and not isinstance(fields[name], str):
            raise BadMessage(f"{name} is not text")
