"""Bad input to /wechat gets a 4xx or `success`, never a 5xx, and the process keeps answering."""

import base64
import time

import pytest
from sqlalchemy import update
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from bot.db import transaction
from bot.demo import PATIENT_WITH_EVERYTHING
from bot.services import services
from bot.simulator import SignedRequest, make_text, make_xml
from models import Register

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    "<xml><ToUserName>gh</ToUserName><FromUserName>oAbcdefghij</FromUserName>"
    "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&c;</Content><MsgId>1</MsgId></xml>"
)

BAD_BODIES = {
    "empty": "",
    "blank": "   \n",
    "not_xml": "hello",
    "unclosed": "<xml><MsgType>text</MsgType>",
    "entities": BILLION_LAUGHS,
    "external_entity": '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>',
    "control_characters": "<xml><ToUserName>gh</ToUserName><FromUserName>oAbcdefghij</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a\x01b</Content></xml>",
    "missing_msg_type": "<xml><ToUserName>gh</ToUserName><FromUserName>oAbcdefghij</FromUserName><CreateTime>1</CreateTime></xml>",
    "nested_msg_type": "<xml><ToUserName>gh</ToUserName><FromUserName>oAbcdefghij</FromUserName><CreateTime>1</CreateTime><MsgType><a>1</a></MsgType></xml>",
    "wrong_root": "<message><MsgType>text</MsgType></message>",
    "bad_openid": make_xml("o<script>", "text", {"Content": "1", "MsgId": 1}),
    "bad_create_time": make_xml(PATIENT_WITH_EVERYTHING, "text", {"Content": "1", "MsgId": 1}).replace("<CreateTime>", "<CreateTime>x"),
    "bad_msg_id": make_xml(PATIENT_WITH_EVERYTHING, "text", {"Content": "1", "MsgId": "12ab"}),
    "not_utf8": "<xml><Content>\udcff</Content></xml>",
}


def post_raw(app, wechat, body: bytes, safe: bool = False, **params) -> tuple[int, str]:
    signed = wechat.simulator.request("", safe=False)
    query = signed.params | params
    response = app.test_client().post("/wechat", query_string=query, data=body, content_type="text/xml")
    return response.status_code, response.get_data(as_text=True)


def assert_still_answering(wechat):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, "帮助")
    assert reply.status == 200
    assert "1 我的预约" in reply.content


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_bad_plaintext_body(app, wechat, demo, name):
    body = BAD_BODIES[name].encode("utf-8", "surrogateescape")

    status, text = post_raw(app, wechat, body)

    assert 400 <= status < 500 or text == "success"
    assert "Traceback" not in text
    assert_still_answering(wechat)


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_bad_body_inside_encryption(app, wechat, demo, name):
    plain = BAD_BODIES[name].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    signed = wechat.simulator.request(plain or " ", safe=True)

    reply = wechat.send(signed)

    assert 400 <= reply.status < 500 or reply.body == "success"
    assert_still_answering(wechat)


def test_unknown_message_type_gets_help(wechat, demo):
    reply = wechat.post(make_xml(PATIENT_WITH_EVERYTHING, "hologram", {"MsgId": 9001}))

    assert reply.status == 200
    assert "1 我的预约" in reply.content


def test_post_without_signature_is_rejected(app, demo):
    response = app.test_client().post("/wechat", data=make_text(PATIENT_WITH_EVERYTHING, "1").encode(), content_type="text/xml")

    assert response.status_code == 403


def test_post_with_wrong_signature_is_rejected(app, wechat, demo):
    signed = wechat.simulator.request(make_text(PATIENT_WITH_EVERYTHING, "1"))
    params = signed.params | {"signature": "0" * 40}

    response = app.test_client().post("/wechat", query_string=params, data=signed.body.encode(), content_type="text/xml")

    assert response.status_code == 403
    assert "预约" not in response.get_data(as_text=True)


def test_safe_mode_with_wrong_msg_signature(wechat, demo):
    signed = wechat.simulator.request(make_text(PATIENT_WITH_EVERYTHING, "1"), safe=True)
    tampered = SignedRequest(params=signed.params | {"msg_signature": "0" * 40}, body=signed.body)

    reply = wechat.send(tampered)

    assert reply.status == 403


def test_safe_mode_wrong_app_id(app, wechat, demo):
    settings = services(app).settings.wechat
    stranger = WeChatCrypto(settings.token, settings.encoding_aes_key, "wx99999999999999999")
    plain = make_text(PATIENT_WITH_EVERYTHING, "1")
    signed = wechat.simulator.request(plain, safe=True)
    envelope = stranger.encrypt_message(plain, signed.params["nonce"], signed.params["timestamp"])
    msg_signature = envelope.split("<MsgSignature><![CDATA[", 1)[1].split("]]>", 1)[0]

    reply = wechat.send(SignedRequest(params=signed.params | {"msg_signature": msg_signature}, body=envelope))

    assert reply.status == 400
    assert_still_answering(wechat)


@pytest.mark.parametrize("encrypt", ["not base64 at all!!", base64.b64encode(b"short").decode(), ""])
def test_safe_mode_broken_base64(app, wechat, demo, encrypt):
    signed = wechat.simulator.request("", safe=False)
    signer = WeChatSigner()
    signer.add_data(services(app).settings.wechat.token, signed.params["timestamp"], signed.params["nonce"], encrypt)
    msg_signature = signer.signature
    body = f"<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    params = signed.params | {"encrypt_type": "aes", "msg_signature": msg_signature}

    response = app.test_client().post("/wechat", query_string=params, data=body.encode(), content_type="text/xml")

    assert 400 <= response.status_code < 500
    assert_still_answering(wechat)


def test_unknown_encrypt_type(app, wechat, demo):
    status, _ = post_raw(app, wechat, make_text(PATIENT_WITH_EVERYTHING, "1").encode(), encrypt_type="rot13")

    assert status == 400


def test_oversize_body(app, wechat, demo):
    huge = make_text(PATIENT_WITH_EVERYTHING, "预" * 40_000)

    status, _ = post_raw(app, wechat, huge.encode())

    assert status == 413
    assert_still_answering(wechat)


def test_name_cannot_break_reply_xml(app, wechat, demo):
    hostile = '王]]></Content><MsgType>news</MsgType><Content><![CDATA[x'
    with transaction(services(app).sessions) as session:
        session.execute(update(Register).values(name=hostile))

    reply = wechat.text(PATIENT_WITH_EVERYTHING, "我的预约", safe=False)

    assert reply.fields["MsgType"] == "text"
    assert "王]]＞＜/Content＞＜MsgType＞news" in reply.content


def test_name_cannot_inject_link(app, wechat, demo):
    hostile = '<a href="https://phish.example">点我退款</a>'
    with transaction(services(app).sessions) as session:
        session.execute(update(Register).values(name=hostile))

    reply = wechat.text(PATIENT_WITH_EVERYTHING, "1")

    assert "phish.example" in reply.content
    assert '<a href="https://phish.example">' not in reply.content
    assert '＜a href="https://phish.example"＞点我退款＜/a＞' in reply.content
    assert '<a href="https://wx.example.test/h5/' in reply.content


def test_typed_text_is_not_echoed(wechat, demo):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, '<a href="https://phish.example">x</a>]]>')

    assert "phish.example" not in reply.content
    assert "抱歉，没有找到与您输入相关的内容" in reply.content


def signed_at(wechat, timestamp: int) -> dict[str, str]:
    nonce = "replaynonce1"
    return {"signature": wechat.simulator.sign(str(timestamp), nonce), "timestamp": str(timestamp), "nonce": nonce}


@pytest.mark.parametrize("offset", [-30 * 86400, -301, 301], ids=["month_old", "stale", "future"])
def test_replayed_signature_is_rejected(app, wechat, demo, offset):
    params = signed_at(wechat, int(time.time()) + offset)
    body = make_text(PATIENT_WITH_EVERYTHING, "我的预约").encode()

    response = app.test_client().post("/wechat", query_string=params, data=body, content_type="text/xml")

    assert response.status_code == 403
    assert "预约" not in response.get_data(as_text=True)


def test_recent_signature_is_accepted(app, wechat, demo):
    params = signed_at(wechat, int(time.time()) - 60)
    body = make_text(PATIENT_WITH_EVERYTHING, "我的预约").encode()

    response = app.test_client().post("/wechat", query_string=params, data=body, content_type="text/xml")

    assert response.status_code == 200
    assert "您有 3 个预约" in response.get_data(as_text=True)


def test_stale_verification_is_rejected(app, wechat):
    params = signed_at(wechat, int(time.time()) - 3600) | {"echostr": "8231923891238"}

    response = app.test_client().get("/wechat", query_string=params)

    assert response.status_code == 403
    assert "8231923891238" not in response.get_data(as_text=True)


def test_required_safe_mode_rejects_plaintext(mysql_services):
    import dataclasses

    from bot.app import create_app
    from bot.simulator import Simulator
    from tests.wechat import CallbackClient

    wechat_settings = dataclasses.replace(mysql_services.settings.wechat, require_safe_mode=True)
    settings = dataclasses.replace(mysql_services.settings, wechat=wechat_settings)
    app = create_app(services=dataclasses.replace(mysql_services, settings=settings))
    client = CallbackClient(app.test_client(), Simulator(wechat_settings))

    plaintext = client.text(PATIENT_WITH_EVERYTHING, "帮助")
    safe = client.text(PATIENT_WITH_EVERYTHING, "帮助", safe=True)

    assert plaintext.status == 403
    assert safe.status == 200
    assert "1 我的预约" in safe.content


@pytest.mark.parametrize("msg_id", ["abc", "99999999999999999999", "9223372036854775808"])
def test_bad_delivery_report_msgid(wechat, demo, msg_id):
    xml = make_xml(PATIENT_WITH_EVERYTHING, "event", {"Event": "TEMPLATESENDJOBFINISH", "MsgID": msg_id, "Status": "success"})

    reply = wechat.post(xml)

    assert reply.status == 400
    assert_still_answering(wechat)
