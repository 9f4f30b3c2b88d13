"""Message endpoints of the fake WeChat API: template messages and customer-service messages.

Template message rules (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html):
- the openid must belong to the account (40003) and follow it (43004);
- the template must exist (40037);
- each value must fit its keyword's type, one line, thing at most 20
  characters and phrase at most 5 Chinese characters (47003);
- one openid + client_msg_id sends one message only; a repeat gets the first msgid.

Followers are registered with POST /sandbox/followers, and what was delivered
is listed by GET /sandbox/messages?touser=OPENID.
"""

from __future__ import annotations

import itertools
import re
import time

from flask import Blueprint, jsonify, request

from bot.settings_notices import DEMO_TEMPLATE_IDS
from sandbox.app import error_body, injected_error, state
from sandbox.tokens import token_error

blueprint = Blueprint("sandbox_messages", __name__)

FIRST_MSGID = 3_000_000_001
INVALID_JSON = 47001

_CHINESE = r"\u4e00-\u9fff"
# Accepted values per keyword type, from the template message page above.
VALUE_RULES = {
    "thing": re.compile(r".{1,20}"),
    "character_string": re.compile(r"[\x21-\x7e]{1,32}"),
    "phrase": re.compile(rf"[{_CHINESE}]{{1,5}}"),
    "number": re.compile(r"[0-9]{1,32}(\.[0-9]+)?"),
    "letter": re.compile(r"[A-Za-z]{1,32}"),
    "phone_number": re.compile(r"[0-9+\-() ]{1,17}"),
    "name": re.compile(rf"[{_CHINESE}]{{1,10}}|[A-Za-z .·]{{1,20}}"),
    "time": re.compile(r"[0-9年月日:\-/ ~]{1,40}"),
    "date": re.compile(r"[0-9年月日:\-/ ~]{1,40}"),
}


def follow(openid: str, subscribed: bool = True) -> None:
    """Make openid a follower (or a former one) of the sandbox account."""
    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_state.store.setdefault("followers", {})[openid] = subscribed


@blueprint.post("/sandbox/followers")
def add_follower():
    payload = request.get_json(force=True, silent=True) or {}
    openids = payload.get("openids") or [payload.get("openid")]
    for openid in openids:
        follow(str(openid), bool(payload.get("subscribe", True)))
    return jsonify({"ok": True})


@blueprint.post("/sandbox/latency")
def set_latency():
    """Delay every template message response by {"seconds": N}, after the message is delivered."""
    seconds = float((request.get_json(force=True, silent=True) or {}).get("seconds", 0))
    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_state.store["latency_seconds"] = seconds
    return jsonify({"ok": True})


@blueprint.get("/sandbox/messages")
def list_messages():
    """List delivered messages, oldest first, optionally for one touser and one kind (template, custom)."""
    touser = request.args.get("touser")
    kind = request.args.get("kind", "template")
    sandbox_state = state()
    with sandbox_state.lock:
        messages = list(sandbox_state.store.get(f"{kind}_messages", []))
    return jsonify([message for message in messages if touser is None or message["touser"] == touser])


@blueprint.post("/cgi-bin/message/template/send")
def send_template():
    failure = injected_error() or token_error()
    if failure:
        return failure

    payload = request.get_json(force=True, silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        return jsonify(error_body(INVALID_JSON))

    errcode = _recipient_error(payload.get("touser")) or _template_error(payload)
    if errcode:
        return jsonify(error_body(errcode))

    msgid = _deliver_once(payload)
    _wait_latency()
    return jsonify({"errcode": 0, "errmsg": "ok", "msgid": msgid})


@blueprint.post("/cgi-bin/message/custom/send")
def send_custom():
    failure = injected_error() or token_error()
    if failure:
        return failure

    payload = request.get_json(force=True, silent=True)
    if not isinstance(payload, dict) or not payload.get("msgtype"):
        return jsonify(error_body(INVALID_JSON))
    errcode = _recipient_error(payload.get("touser"))
    if errcode:
        return jsonify(error_body(errcode))

    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_state.store.setdefault("custom_messages", []).append({**payload, "time": time.time()})
    return jsonify({"errcode": 0, "errmsg": "ok"})


def _recipient_error(touser) -> int | None:
    sandbox_state = state()
    with sandbox_state.lock:
        followers = sandbox_state.store.get("followers", {})
        if touser not in followers:
            return 40003
        return None if followers[touser] else 43004


def _template_error(payload: dict) -> int | None:
    sandbox_state = state()
    with sandbox_state.lock:
        known = set(DEMO_TEMPLATE_IDS.values()) | set(sandbox_state.store.get("templates", ()))
    if payload.get("template_id") not in known:
        return 40037

    for keyword, item in payload["data"].items():
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, str) or not _value_fits(keyword, value):
            return 47003
    return None


def _value_fits(keyword: str, value: str) -> bool:
    if "\n" in value or "\r" in value:
        return False
    kind = keyword.rstrip("0123456789")
    rule = VALUE_RULES.get(kind, VALUE_RULES["thing"])
    return rule.fullmatch(value) is not None


def _deliver_once(payload: dict) -> int:
    """Record the message unless this openid + client_msg_id was sent already; return its msgid."""
    sandbox_state = state()
    with sandbox_state.lock:
        store = sandbox_state.store
        counter = store.setdefault("msgid_counter", itertools.count(FIRST_MSGID))
        seen = store.setdefault("client_msg_ids", {})

        client_msg_id = payload.get("client_msg_id")
        if client_msg_id and (payload["touser"], client_msg_id) in seen:
            return seen[(payload["touser"], client_msg_id)]

        msgid = next(counter)
        if client_msg_id:
            seen[(payload["touser"], client_msg_id)] = msgid
        message = {key: payload.get(key) for key in ("touser", "template_id", "url", "data", "client_msg_id")}
        store.setdefault("template_messages", []).append({**message, "msgid": msgid, "time": time.time()})
        return msgid


def _wait_latency() -> None:
    sandbox_state = state()
    with sandbox_state.lock:
        seconds = sandbox_state.store.get("latency_seconds", 0)
    if seconds:
        time.sleep(seconds)
