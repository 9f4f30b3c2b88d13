"""Count what became of a batch of notices and describe it in Chinese for staff."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from models.notices import ACCEPTED_STATUSES, NoticeStatus
from notices.delivery import Delivery
from notices.outbox import Recorded

ERRCODE_LABELS = {
    None: "网络错误或微信无响应",
    -1: "微信系统繁忙",
    40001: "access_token 无效",
    40003: "openid 无效",
    40037: "模板 ID 无效，请检查 notices 配置",
    43004: "用户未关注公众号",
    45009: "接口调用超过频率限制",
    47003: "模板内容不符合微信要求",
}


# WeChat accepted these notices, then reported that they never reached the patient.
UNDELIVERED_LABELS = {
    NoticeStatus.USER_BLOCKED: "用户已拒收公众号消息",
    NoticeStatus.SYSTEM_FAILED: "微信系统原因未送达",
}


@dataclass
class Summary:
    sent: int = 0
    already_sent: int = 0
    failed: Counter = field(default_factory=Counter)
    waiting: Counter = field(default_factory=Counter)
    undelivered: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        counters = (self.failed, self.waiting, self.undelivered)
        return self.sent + self.already_sent + sum(sum(counter.values()) for counter in counters)

    def as_dict(self) -> dict:
        return {
            "sent": self.sent,
            "already_sent": self.already_sent,
            "failed": {str(code): count for code, count in self.failed.items()},
            "waiting": {str(code): count for code, count in self.waiting.items()},
            "undelivered": {str(status): count for status, count in self.undelivered.items()},
        }

    def lines(self) -> list[str]:
        lines = [f"已发送：{self.sent}", f"此前已发送（未重复发送）：{self.already_sent}"]
        for code, count in sorted(self.failed.items(), key=lambda item: str(item[0])):
            lines.append(f"失败：{count}（{describe(code)}）")
        for code, count in sorted(self.waiting.items(), key=lambda item: str(item[0])):
            lines.append(f"未完成，稍后重试：{count}（{describe(code)}）")
        for status, count in sorted(self.undelivered.items()):
            lines.append(f"此前已发送但未送达：{count}（{UNDELIVERED_LABELS[status]}）")
        return lines


def describe(errcode: int | str | None) -> str:
    if errcode == "queued":
        return "仍在队列中，请确认 python run.py worker 正在运行"
    label = ERRCODE_LABELS.get(errcode, "微信返回错误")
    return label if errcode is None else f"{errcode} {label}"


def summarize(recorded: list[Recorded], deliveries: list[Delivery]) -> Summary:
    """Sort each recorded notice into sent now, sent before, failed by code, or still waiting."""
    by_id = {delivery.log_id: delivery for delivery in deliveries}
    summary = Summary()
    for item in recorded:
        delivery = by_id.get(item.log_id)
        if delivery is None:
            _count_earlier(summary, item)
        else:
            _count_delivery(summary, delivery)
    return summary


def _count_earlier(summary: Summary, item: Recorded) -> None:
    if item.status in UNDELIVERED_LABELS:
        summary.undelivered[item.status] += 1
    elif item.status in ACCEPTED_STATUSES:
        summary.already_sent += 1
    else:
        summary.failed[item.errcode] += 1


def _count_delivery(summary: Summary, delivery: Delivery) -> None:
    if delivery.status in UNDELIVERED_LABELS and not delivery.fresh:
        summary.undelivered[delivery.status] += 1
    elif delivery.status in ACCEPTED_STATUSES:
        if delivery.fresh:
            summary.sent += 1
        else:
            summary.already_sent += 1
    elif delivery.status == NoticeStatus.FAILED:
        summary.failed[delivery.errcode] += 1
    elif delivery.status in (NoticeStatus.QUEUED, NoticeStatus.SENDING):
        summary.waiting["queued"] += 1
    else:
        summary.waiting[delivery.errcode] += 1
