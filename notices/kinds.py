"""The five notice kinds, each built from a staff query result.

A Notice names its business event (kind, business id, event version), the
patient, the H5 page it links to, and its values by our own names; the
account's template keywords are applied later from the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.links import Links
from bot.texts import APPOINTMENT_STATUS_LABELS, format_time
from models.queries import Appointment, AppointmentDetails
from models.staff_queries import DayAppointment, StaffAppointment, StaffClaim, StaffReport

APPOINTMENT = "appointment"
REVIEW = "review"
MAILED = "mailed"
REMINDER = "reminder"
REPORT = "report"
KINDS = (APPOINTMENT, REVIEW, MAILED, REMINDER, REPORT)

# WeChat's time keyword takes "2019年10月1日 15:01"; zero padding keeps values one width.
TEMPLATE_TIME = "%Y年%m月%d日 %H:%M"

KIND_LABELS = {
    APPOINTMENT: "预约确认/变更通知",
    REVIEW: "支付审核结果通知",
    MAILED: "药膳寄出通知",
    REMINDER: "就诊提醒",
    REPORT: "成绩单发布通知",
}


@dataclass(frozen=True)
class Notice:
    kind: str
    business_id: int
    # Tells two events about the same row apart, e.g. the row's update_time.
    event_version: str
    openid: str
    url: str
    values: dict[str, str]
    # The template kind whose template id and keywords are used; empty means `kind`.
    template: str = ""

    @property
    def template_kind(self) -> str:
        return self.template or self.kind


def visit_values(item: Appointment | AppointmentDetails) -> dict[str, str]:
    """Return the patient, time, place and status values that every appointment notice shows."""
    return {
        "patient": item.name,
        "time": format_time(item.bespeak_time, TEMPLATE_TIME),
        "hospital": item.hospital_name or "待定",
        "expert": item.expert_name or "待定",
        "status": APPOINTMENT_STATUS_LABELS.get(item.status, "未知"),
    }


def appointment_notice(item: StaffAppointment, links: Links) -> Notice:
    """Build the notice that an appointment was confirmed or changed; each saved change is a new event."""
    details = item.details
    return Notice(
        kind=APPOINTMENT,
        business_id=details.id,
        event_version=str(item.update_time),
        openid=item.openid,
        url=links.h5(f"/h5/appointments/{details.id}"),
        values={**visit_values(details), "order_no": details.reg_sn},
    )


def review_notice(item: StaffAppointment, approved: bool, reason: str, links: Links) -> Notice:
    """Build the payment review result; the patient's request time (audit_time) makes it one event."""
    details = item.details
    if approved:
        outcome = {"result": "已通过", "reason": "付款已确认", "next_step": "请按预约时间就诊"}
    else:
        outcome = {"result": "未通过", "reason": reason, "next_step": "请核对付款后重新申请审核"}

    return Notice(
        kind=REVIEW,
        business_id=details.id,
        event_version=str(item.audit_time),
        openid=item.openid,
        url=links.h5(f"/h5/appointments/{details.id}"),
        values={"patient": details.name, "order_no": details.reg_sn, **outcome},
    )


def mailed_notice(item: StaffClaim, links: Links) -> Notice:
    """Build the notice that a pack was mailed; a new tracking number is a new event."""
    claim = item.claim
    return Notice(
        kind=MAILED,
        business_id=claim.id,
        event_version=claim.express_no,
        openid=item.openid,
        url=links.h5("/h5/claims"),
        values={
            "goods": claim.goods_name or "药膳",
            "courier": claim.express_company or "快递",
            "tracking_no": claim.express_no,
            "recipient": claim.name,
        },
    )


def reminder_notice(item: DayAppointment, day: date, links: Links) -> Notice:
    """Build the day-before visit reminder; one per appointment and reminder date."""
    appointment = item.appointment
    return Notice(
        kind=REMINDER,
        business_id=appointment.id,
        event_version=day.isoformat(),
        openid=item.openid,
        url=links.h5(f"/h5/appointments/{appointment.id}"),
        values={
            "patient": appointment.name,
            "time": format_time(appointment.bespeak_time, TEMPLATE_TIME),
            "hospital": appointment.hospital_name or "待定",
            "expert": appointment.expert_name or "待定",
            "tel": appointment.tel,
        },
    )


def report_notice(item: StaffReport, links: Links) -> Notice:
    """Build the notice that a report card was published; each update of the card is a new event."""
    report = item.report
    return Notice(
        kind=REPORT,
        business_id=item.user_id,
        event_version=str(report.update_time),
        openid=item.openid,
        url=links.h5("/h5/report"),
        values={
            "title": "孕产成绩单已发布",
            "score": str(report.score),
            "time": format_time(report.update_time, TEMPLATE_TIME),
        },
    )
