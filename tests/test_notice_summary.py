"""The staff summary tells notices WeChat could not deliver apart from delivered ones."""

from models.notices import NoticeStatus
from notices.delivery import Delivery
from notices.outbox import Recorded
from notices.summary import summarize


def test_undelivered_notices_are_not_reported_as_sent():
    recorded = [
        Recorded(log_id=1, created=False, status=NoticeStatus.USER_BLOCKED, errcode=None),
        Recorded(log_id=2, created=False, status=NoticeStatus.SYSTEM_FAILED, errcode=None),
        Recorded(log_id=3, created=False, status=NoticeStatus.DELIVERED, errcode=None),
        Recorded(log_id=4, created=True, status=NoticeStatus.QUEUED, errcode=None),
    ]
    deliveries = [Delivery(log_id=4, status=NoticeStatus.SENT, msgid=3000000001)]

    lines = summarize(recorded, deliveries).lines()

    assert "已发送：1" in lines
    assert "此前已发送（未重复发送）：1" in lines
    assert "此前已发送但未送达：1（用户已拒收公众号消息）" in lines
    assert "此前已发送但未送达：1（微信系统原因未送达）" in lines
