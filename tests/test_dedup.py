"""WeChat's retries get the first answer and are not acted on twice."""

import threading

from sqlalchemy import select, update

from bot.db import transaction
from bot.demo import PATIENT_WITH_EVERYTHING
from bot.services import services
from bot.simulator import make_event, make_text
from models import WeChatUser

NEW_FOLLOWER = "oRetryFollowerAbcdefgh012345"


def follower_state(app) -> tuple[int, int] | None:
    with services(app).sessions() as session:
        row = session.execute(
            select(WeChatUser.subscribe, WeChatUser.subscribe_time).where(WeChatUser.openid == NEW_FOLLOWER)
        ).first()
    return None if row is None else tuple(row)


def test_retried_message_gets_same_reply(wechat, demo):
    xml = make_text(PATIENT_WITH_EVERYTHING, "我的预约", msg_id=5550001)

    first = wechat.post(xml)
    second = wechat.post(xml)

    assert "您有 3 个预约" in first.content
    assert second.content == first.content


def test_retry_in_safe_mode_gets_same_reply(wechat, demo):
    xml = make_text(PATIENT_WITH_EVERYTHING, "4", msg_id=5550002)

    first = wechat.post(xml, safe=True)
    second = wechat.post(xml, safe=True)

    assert "总成绩：344" in first.content
    assert second.content == first.content


def test_retried_event_is_not_acted_on_twice(app, wechat):
    xml = make_event(NEW_FOLLOWER, "subscribe", create_time=1796000000)
    first = wechat.post(xml)
    assert follower_state(app) == (1, 1796000000)

    # Staff-side change between the tries; a second run of the handler would undo it.
    with transaction(services(app).sessions) as session:
        session.execute(update(WeChatUser).where(WeChatUser.openid == NEW_FOLLOWER).values(subscribe=0))
    second = wechat.post(xml)

    assert second.content == first.content
    assert follower_state(app) == (0, 1796000000)


def test_same_event_at_another_time_is_new(app, wechat):
    wechat.post(make_event(NEW_FOLLOWER, "subscribe", create_time=1796000000))
    wechat.post(make_event(NEW_FOLLOWER, "unsubscribe", create_time=1796000050))
    wechat.post(make_event(NEW_FOLLOWER, "subscribe", create_time=1796000100))

    assert follower_state(app) == (1, 1796000100)


def test_concurrent_retries_share_one_answer(app, wechat, demo):
    xml = make_text(PATIENT_WITH_EVERYTHING, "药膳", msg_id=5550003)
    replies = []

    def post() -> None:
        replies.append(wechat.__class__(app.test_client(), wechat.simulator).post(xml))

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(replies) == 3
    assert {reply.content for reply in replies} == {replies[0].content}
    assert "当归黄芪乌鸡汤包" in replies[0].content


def test_dedup_key_stores_no_openid(app, wechat, demo, redis_client):
    wechat.post(make_text(PATIENT_WITH_EVERYTHING, "1", msg_id=5550004))
    wechat.post(make_event(PATIENT_WITH_EVERYTHING, "CLICK", "MY_REPORT"))

    keys = [key.decode() for key in redis_client.keys("*")]

    assert len(keys) == 2
    assert all(key.startswith("wechat:dedup:") for key in keys)
    assert not any(PATIENT_WITH_EVERYTHING in key for key in keys)
    assert 0 < redis_client.ttl(keys[0]) <= 60


def test_answers_when_redis_is_down(app, wechat, demo):
    services(app).redis.connection_pool.connection_kwargs["port"] = 1
    services(app).redis.connection_pool.disconnect()

    reply = wechat.text(PATIENT_WITH_EVERYTHING, "1")

    assert "您有 3 个预约" in reply.content
