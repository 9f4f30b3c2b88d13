"""Turn a refused appointment write into the PatientError the API and the pages both raise."""

from __future__ import annotations

from models.appointments import Change, WriteOutcome
from models.base import AppointmentStatus
from web.errors import PatientError

NOT_FOUND_MESSAGE = "没有找到这个预约，请返回预约列表刷新后再试。"

_SAVE_REFUSALS = {
    AppointmentStatus.CLOSED: "该预约已关闭，不能再修改。如需就诊，请重新预约或联系导诊。",
    AppointmentStatus.COMPLETED: "该预约已完成就诊，不能再修改。",
}
_AUDIT_REFUSALS = {
    AppointmentStatus.CLOSED: "该预约已关闭，不能申请支付审核。如需就诊，请重新预约。",
    AppointmentStatus.PAID: "该预约已付款，无需申请支付审核。",
    AppointmentStatus.COMPLETED: "该预约已完成就诊，无需申请支付审核。",
}
_OTHER_STATUS = "该预约当前的状态不能进行这个操作，请联系导诊。"


def not_found(appointment_id: int) -> PatientError:
    return PatientError(404, NOT_FOUND_MESSAGE, reason=f"appointment {appointment_id} not found for this patient")


def raise_for_save(outcome: WriteOutcome, appointment_id: int) -> None:
    """Raise the refusal of an edit unless it was done."""
    _raise_refusal(outcome, appointment_id, _SAVE_REFUSALS, "edit")


def raise_for_audit(outcome: WriteOutcome, appointment_id: int) -> None:
    """Raise the refusal of a payment-review request unless it was done now or earlier."""
    _raise_refusal(outcome, appointment_id, _AUDIT_REFUSALS, "audit")


def _raise_refusal(outcome: WriteOutcome, appointment_id: int, messages: dict, action: str) -> None:
    if outcome.change in (Change.DONE, Change.ALREADY_DONE):
        return
    if outcome.change is Change.NOT_FOUND:
        raise not_found(appointment_id)

    message = messages.get(outcome.status, _OTHER_STATUS)
    raise PatientError(409, message, reason=f"{action} of appointment {appointment_id} rejected in status {outcome.status}")
