"""The WeChat callback at /wechat: verify, decrypt, parse, de-duplicate, dispatch, reply.

Server configuration and message encryption rules:
https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html

Every request must carry a valid ``signature`` (token, timestamp, nonce); in
safe mode (``encrypt_type=aes``) the body must also carry a valid
``msg_signature``. A request failing either gets 403 and nothing is acted on.
An answer WeChat cannot use shows the patient "该公众号暂时无法提供服务", so
every other failure answers a usable reply or the literal ``success``.
"""

from __future__ import annotations

import hmac
import logging
import time
from xml.parsers.expat import ExpatError

from flask import Blueprint, Response, abort, request
from werkzeug.exceptions import RequestEntityTooLarge
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.messages import BaseMessage
from wechatpy.utils import WeChatSigner

from bot.dedup import message_key
from bot.dispatch import dispatch
from bot.logs import mask_openid
from bot.parsing import BadMessage, parse_body, reject_declarations
from bot.replies import render_reply
from bot.services import Services, services
from notices.cards import apply_menu_reply

log = logging.getLogger(__name__)

blueprint = Blueprint("wechat", __name__)

SUCCESS = "success"


@blueprint.get("/wechat")
def verify_server() -> Response:
    """Answer WeChat's URL verification with echostr when the signature is valid."""
    _require_signature(services())

    echostr = request.args.get("echostr", "")
    if not echostr or len(echostr) > 128:
        abort(400)
    return _plain(echostr)


@blueprint.post("/wechat")
def receive_message() -> Response:
    """Answer one message or event pushed by WeChat."""
    app_services = services()
    _require_signature(app_services)

    body = _read_body()
    safe_mode = _safe_mode(app_services)
    try:
        reject_declarations(body)
        if safe_mode:
            body = _decrypt(app_services, body)
        message = parse_body(body)
    except BadMessage as error:
        log.warning("callback: rejected body reason=%s", error)
        abort(400)

    reply = _answer_once(app_services, message)
    if reply is None:
        return _plain(SUCCESS)
    if safe_mode:
        reply = app_services.crypto.encrypt_message(reply, _nonce(), str(int(time.time())))
    return Response(reply, mimetype="application/xml")


def _answer_once(app_services: Services, message: BaseMessage) -> str | None:
    """Dispatch message unless a retry of it was already answered; return the reply XML or None."""
    claim = app_services.dedup.claim(message_key(message))
    if not claim.owned:
        log.info("callback: retry replied from cache type=%s user=%s", message.type, mask_openid(message.source))
        if claim.reply is None or claim.reply == SUCCESS.encode():
            return None
        return claim.reply.decode()

    answer = apply_menu_reply(app_services, message, dispatch(app_services, message))
    reply = render_reply(message, answer.text)
    app_services.dedup.store(claim, (reply or SUCCESS).encode())
    return reply


def _require_signature(app_services: Services) -> None:
    """Abort with 403 unless the query's signature matches our token."""
    args = request.args
    signature = args.get("signature", "")
    timestamp = args.get("timestamp", "")
    nonce = args.get("nonce", "")
    if not (signature and timestamp and nonce) or max(len(timestamp), len(nonce)) > 64:
        log.warning("callback: missing signature parameters path=%s", request.path)
        abort(403)

    signer = WeChatSigner()
    signer.add_data(app_services.settings.wechat.token, timestamp, nonce)
    if not hmac.compare_digest(signer.signature, signature):
        log.warning("callback: invalid signature path=%s", request.path)
        abort(403)

    _require_fresh(app_services, timestamp)


def _require_fresh(app_services: Services, timestamp: str) -> None:
    """Abort with 403 when the signed timestamp is too far from now.

    In plaintext mode the signature does not cover the body, so a signed query
    string copied from any log would otherwise carry a forged sender forever.
    WeChat's retries all arrive within about 15 s of the first try.
    """
    max_age = app_services.settings.wechat.signature_max_age_seconds
    if max_age == 0:
        return

    skew = abs(time.time() - int(timestamp)) if timestamp.isascii() and timestamp.isdigit() else None
    if skew is None or skew > max_age:
        log.warning(
            "callback: timestamp outside the %s s window skew=%s path=%s; check this server's clock if every request fails",
            max_age,
            "invalid" if skew is None else int(skew),
            request.path,
        )
        abort(403)


def _read_body() -> bytes:
    try:
        return request.get_data(cache=False)
    except RequestEntityTooLarge:
        log.warning("callback: body over %s bytes rejected", request.max_content_length)
        raise


def _safe_mode(app_services: Services) -> bool:
    encrypt_type = request.args.get("encrypt_type", "raw")
    if encrypt_type not in {"raw", "aes"}:
        log.warning("callback: unknown encrypt_type rejected")
        abort(400)

    # encrypt_type comes from the unsigned query string, so an account set to
    # safe mode must refuse plaintext outright rather than trust the parameter.
    if encrypt_type == "raw" and app_services.settings.wechat.require_safe_mode:
        log.warning("callback: plaintext message rejected because wechat.require_safe_mode is on")
        abort(403)
    return encrypt_type == "aes"


def _decrypt(app_services: Services, body: bytes) -> str:
    args = request.args
    try:
        return app_services.crypto.decrypt_message(
            body, args.get("msg_signature", ""), args["timestamp"], args["nonce"]
        )
    except InvalidSignatureException:
        log.warning("callback: invalid msg_signature in safe mode")
        abort(403)
    except InvalidAppIdException:
        log.warning("callback: encrypted body is for another AppID")
        abort(400)
    except (ValueError, KeyError, TypeError, IndexError, ExpatError) as error:
        # wechatpy lets these through for broken base64 (binascii.Error is a
        # ValueError), bad padding, a missing <Encrypt> or malformed outer XML.
        log.warning("callback: could not decrypt body error=%s", type(error).__name__)
        abort(400)


def _nonce() -> str:
    return request.args.get("nonce", "")


def _plain(text: str) -> Response:
    return Response(text, mimetype="text/plain")
