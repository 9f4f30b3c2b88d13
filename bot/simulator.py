"""Build and sign callback requests exactly as WeChat sends them.

Used by `python run.py chat` and by the tests, so that both speak the real
wire format: a signed query string and an XML body, encrypted in safe mode.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape

import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner, to_text

from bot.config import WeChatSettings

ACCOUNT_ID = "gh_0000demo0000"


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def make_xml(openid: str, msg_type: str, fields: dict[str, str | int], create_time: int | None = None) -> str:
    """Return the XML body of a message from openid to the official account."""
    parts = [
        f"<ToUserName>{_cdata(ACCOUNT_ID)}</ToUserName>",
        f"<FromUserName>{_cdata(openid)}</FromUserName>",
        f"<CreateTime>{create_time or int(time.time())}</CreateTime>",
        f"<MsgType>{_cdata(msg_type)}</MsgType>",
    ]
    for name, value in fields.items():
        rendered = str(value) if isinstance(value, int) else _cdata(value)
        parts.append(f"<{escape(name)}>{rendered}</{escape(name)}>")
    return "<xml>" + "".join(parts) + "</xml>"


def make_text(openid: str, content: str, msg_id: int | None = None, create_time: int | None = None) -> str:
    return make_xml(openid, "text", {"Content": content, "MsgId": msg_id or _message_id()}, create_time)


def make_click(openid: str, key: str, create_time: int | None = None) -> str:
    return make_event(openid, "CLICK", key, create_time)


def make_event(openid: str, event: str, key: str | None = None, create_time: int | None = None) -> str:
    fields: dict[str, str | int] = {"Event": event}
    if key is not None:
        fields["EventKey"] = key
    return make_xml(openid, "event", fields, create_time)


def _message_id() -> int:
    return secrets.randbelow(10**18) + 10**18


@dataclass(frozen=True)
class SignedRequest:
    """A callback request: the query string parameters and the body to POST."""

    params: dict[str, str]
    body: str


class Simulator:
    """Sign (and in safe mode encrypt) callback bodies with an account's settings."""

    def __init__(self, wechat: WeChatSettings) -> None:
        self.wechat = wechat
        self.crypto = WeChatCrypto(wechat.token, wechat.encoding_aes_key, wechat.app_id)

    def sign(self, timestamp: str, nonce: str) -> str:
        signer = WeChatSigner()
        signer.add_data(self.wechat.token, timestamp, nonce)
        return signer.signature

    def request(self, xml: str, safe: bool = False) -> SignedRequest:
        timestamp = str(int(time.time()))
        nonce = secrets.token_hex(8)
        params = {"signature": self.sign(timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
        if not safe:
            return SignedRequest(params=params, body=xml)

        # encrypt_message returns the <Encrypt>/<MsgSignature> envelope WeChat posts.
        envelope = self.crypto.encrypt_message(xml, nonce, timestamp)
        msg_signature = envelope.split("<MsgSignature><![CDATA[", 1)[1].split("]]>", 1)[0]
        params.update(encrypt_type="aes", msg_signature=msg_signature)
        return SignedRequest(params=params, body=envelope)

    def decode_reply(self, body: str, params: dict[str, str]) -> str:
        """Return the plaintext reply XML, decrypting it when the request was in safe mode."""
        if params.get("encrypt_type") != "aes" or body in ("", "success"):
            return body
        envelope = xmltodict.parse(body)["xml"]
        return to_text(
            self.crypto.decrypt_message(body, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"])
        )
