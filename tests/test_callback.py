"""The /wechat endpoint: verification, every message and event type, both modes."""

import pytest
from sqlalchemy import select

from bot.demo import PATIENT_WITH_EVERYTHING, PATIENT_WITHOUT_RECORDS
from bot.services import services
from bot.simulator import ACCOUNT_ID, make_event, make_xml
from models import WeChatUser

NEW_FOLLOWER = "oNewFollowerAbcdefghij012345"


def test_verify_echoes_echostr(app, wechat):
    params = wechat.simulator.request("").params | {"echostr": "8231923891238"}

    response = app.test_client().get("/wechat", query_string=params)

    assert response.status_code == 200
    assert response.get_data(as_text=True) == "8231923891238"


@pytest.mark.parametrize("broken", ["signature", "timestamp", "nonce"])
def test_verify_rejects_bad_signature(app, wechat, broken):
    params = wechat.simulator.request("").params | {"echostr": "8231923891238"}
    params[broken] = params[broken] + "0"

    response = app.test_client().get("/wechat", query_string=params)

    assert response.status_code == 403
    assert "8231923891238" not in response.get_data(as_text=True)


def test_verify_rejects_missing_signature(app):
    response = app.test_client().get("/wechat", query_string={"echostr": "8231923891238", "timestamp": "1", "nonce": "2"})

    assert response.status_code == 403
    assert "8231923891238" not in response.get_data(as_text=True)


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
def test_reply_swaps_user_names(wechat, demo, safe):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, "帮助", safe=safe)

    assert reply.status == 200
    assert reply.fields["ToUserName"] == PATIENT_WITH_EVERYTHING
    assert reply.fields["FromUserName"] == ACCOUNT_ID
    assert reply.fields["MsgType"] == "text"


def test_safe_mode_reply_is_encrypted(wechat, demo):
    reply = wechat.text(PATIENT_WITH_EVERYTHING, "帮助", safe=True)

    assert "<Encrypt>" in reply.body
    assert "帮助" not in reply.body
    assert "1 我的预约" in reply.content


NON_TEXT_MESSAGES = {
    "image": {"PicUrl": "http://127.0.0.1/p.jpg", "MediaId": "media1", "MsgId": 7001},
    "voice": {"MediaId": "media2", "Format": "amr", "MsgId": 7002},
    "video": {"MediaId": "media3", "ThumbMediaId": "thumb3", "MsgId": 7003},
    "shortvideo": {"MediaId": "media4", "ThumbMediaId": "thumb4", "MsgId": 7004},
    "location": {"Location_X": "23.1", "Location_Y": "113.3", "Scale": "20", "Label": "广州", "MsgId": 7005},
    "link": {"Title": "文章", "Description": "说明", "Url": "http://127.0.0.1/a", "MsgId": 7006},
}


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
@pytest.mark.parametrize("msg_type", sorted(NON_TEXT_MESSAGES))
def test_non_text_message_gets_help(wechat, demo, msg_type, safe):
    xml = make_xml(PATIENT_WITH_EVERYTHING, msg_type, NON_TEXT_MESSAGES[msg_type])

    reply = wechat.post(xml, safe=safe)

    assert reply.status == 200
    assert "抱歉，没有找到与您输入相关的内容" in reply.content
    assert "1 我的预约" in reply.content


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
@pytest.mark.parametrize(
    ("event", "key"),
    [
        ("VIEW", "https://wx.example.test/h5/"),
        ("LOCATION", None),
        ("SCAN", "123"),
        ("TEMPLATESENDJOBFINISH", None),
        ("MASSSENDJOBFINISH", None),
        ("view_miniprogram", "pages/index"),
        ("some_future_event", "x"),
    ],
)
def test_event_without_answer_gets_success(wechat, demo, event, key, safe):
    reply = wechat.post(make_event(PATIENT_WITH_EVERYTHING, event, key), safe=safe)

    assert reply.status == 200
    assert reply.body == "success"


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
def test_subscribe_stores_user_and_welcomes(app, wechat, safe):
    reply = wechat.event(NEW_FOLLOWER, "subscribe", safe=safe, create_time=1796000000)

    assert "欢迎关注" in reply.content
    assert "1 我的预约" in reply.content
    with services(app).sessions() as session:
        user = session.scalars(select(WeChatUser).where(WeChatUser.openid == NEW_FOLLOWER)).one()
        assert user.subscribe == 1
        assert user.subscribe_time == 1796000000


def test_subscribe_by_qr_scene(app, wechat):
    reply = wechat.event(NEW_FOLLOWER, "subscribe", key="qrscene_clinic01")

    assert "欢迎关注" in reply.content
    with services(app).sessions() as session:
        assert session.scalar(select(WeChatUser.subscribe).where(WeChatUser.openid == NEW_FOLLOWER)) == 1


def test_resubscribe_refreshes_existing_row(app, wechat, demo):
    wechat.event(PATIENT_WITHOUT_RECORDS, "unsubscribe", create_time=1796000000)
    wechat.event(PATIENT_WITHOUT_RECORDS, "subscribe", create_time=1796000100)

    with services(app).sessions() as session:
        users = session.scalars(select(WeChatUser).where(WeChatUser.openid == PATIENT_WITHOUT_RECORDS)).all()
        assert len(users) == 1
        assert users[0].subscribe == 1
        assert users[0].subscribe_time == 1796000100
        assert users[0].unsubscribe_time == 1796000000


@pytest.mark.parametrize("safe", [False, True], ids=["plaintext", "safe"])
def test_unsubscribe_marks_row(app, wechat, demo, safe):
    reply = wechat.event(PATIENT_WITH_EVERYTHING, "unsubscribe", safe=safe, create_time=1796000200)

    assert reply.body == "success"
    with services(app).sessions() as session:
        user = session.scalars(select(WeChatUser).where(WeChatUser.openid == PATIENT_WITH_EVERYTHING)).one()
        assert user.subscribe == 0
        assert user.unsubscribe_time == 1796000200


def test_unknown_click_key_gets_help(wechat, demo):
    reply = wechat.click(PATIENT_WITH_EVERYTHING, "NO_SUCH_KEY")

    assert "1 我的预约" in reply.content


def test_compatible_mode_body_uses_encrypted_part(wechat, demo):
    # Compatible mode posts the plaintext fields beside <Encrypt>; only the
    # encrypted, signed part may be trusted.
    signed = wechat.simulator.request(make_xml(PATIENT_WITH_EVERYTHING, "text", {"Content": "1", "MsgId": 8101}), safe=True)
    forged_plain = f"<ToUserName><![CDATA[{ACCOUNT_ID}]]></ToUserName><FromUserName><![CDATA[oSomeoneElse000000000000000]]></FromUserName>"
    signed = type(signed)(params=signed.params, body=signed.body.replace("<xml>", "<xml>" + forged_plain, 1))

    reply = wechat.send(signed)

    assert reply.fields["ToUserName"] == PATIENT_WITH_EVERYTHING
    assert "您有 3 个预约" in reply.content
