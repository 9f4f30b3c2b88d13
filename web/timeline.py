"""The status timeline (WeUI steps) of one appointment."""

from __future__ import annotations

from dataclasses import dataclass

from bot.texts import format_time
from models.base import AppointmentStatus, AuditState
from models.queries import AppointmentDetails


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    description: str
    done: bool


def appointment_steps(details: AppointmentDetails) -> list[Step]:
    """Return the steps from booking to visit, marking those already reached."""
    status = details.status
    steps = [Step("提交预约", format_time(details.create_time), True)]

    if status == AppointmentStatus.CLOSED:
        steps.append(Step("已关闭", "预约已关闭，如需就诊请重新预约", True))
        return steps

    paid = status in (AppointmentStatus.PAID, AppointmentStatus.COMPLETED)
    if paid:
        payment = "已付款"
    elif details.is_audit == AuditState.REQUESTED:
        payment = f"已申请支付审核（{format_time(details.audit_time)}），等待工作人员审核"
    else:
        payment = "待付款"
    steps.append(Step("付款", payment, paid))

    completed = status == AppointmentStatus.COMPLETED
    visit = f"{'已就诊' if completed else '预约时间'}：{format_time(details.bespeak_time)}"
    steps.append(Step("就诊", visit, completed))
    return steps
