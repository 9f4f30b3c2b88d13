"""One appointment's pages: details, the edit form, the payment-review confirmation, result pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from bot.services import services
from bot.texts import CLINIC_TIMEZONE
from models import queries
from models.appointments import EDITABLE_STATUSES, Change, WriteOutcome
from models.base import AppointmentStatus, AuditState
from models.queries import AppointmentDetails
from web.actions import ask_payment_review, read_edit, save_edit
from web.db import db
from web.guards import patient_openid, require_page_login
from web.refusals import not_found, raise_for_audit, raise_for_save
from web.templating import DATETIME_LOCAL_FORMAT, datetime_local
from web.timeline import appointment_steps
from web.validation import MAX_ID, NAME_MAX_LENGTH, InvalidInput

blueprint = Blueprint("appointment_pages", __name__, url_prefix="/h5/appointments")
blueprint.before_request(require_page_login)

ID = f"<int(min=1, max={MAX_ID}):appointment_id>"

RESULTS = {
    "saved": ("预约信息已保存", "您修改后的预约信息如下，如有疑问请联系导诊。"),
    "audit": ("支付审核申请已提交", "工作人员审核后会通过公众号通知您，请留意消息。"),
    "audit-again": ("您已申请过支付审核", "无需重复申请，工作人员审核后会通过公众号通知您。"),
}


@blueprint.get(f"/{ID}")
def details(appointment_id: int) -> str:
    appointment = _own_appointment(appointment_id)
    return render_template(
        "h5/appointment.html",
        item=appointment,
        steps=appointment_steps(appointment),
        editable=appointment.status in EDITABLE_STATUSES,
        can_audit=_can_audit(appointment),
    )


@blueprint.route(f"/{ID}/edit", methods=["GET", "POST"])
def edit(appointment_id: int) -> Response | tuple[str, int] | str:
    appointment = _own_appointment(appointment_id)
    if appointment.status not in EDITABLE_STATUSES:
        raise_for_save(WriteOutcome(Change.WRONG_STATUS, appointment.status), appointment_id)

    if request.method == "GET":
        return _edit_form(appointment, appointment.name, datetime_local(appointment.bespeak_time), None)

    try:
        submitted = read_edit(request.form, appointment_id)
    except InvalidInput as error:
        form = request.form
        return _edit_form(appointment, form.get("name", ""), form.get("bespeak_time", ""), error), 400

    save_edit(patient_openid(), submitted)
    return redirect(url_for(".result", appointment_id=appointment_id, kind="saved"))


@blueprint.route(f"/{ID}/audit", methods=["GET", "POST"])
def audit(appointment_id: int) -> Response | str:
    """Confirm and send a payment-review request; the confirmation page is the dialog without JavaScript."""
    if request.method == "POST":
        first_time = ask_payment_review(patient_openid(), appointment_id)
        return redirect(url_for(".result", appointment_id=appointment_id, kind="audit" if first_time else "audit-again"))

    appointment = _own_appointment(appointment_id)
    if appointment.status == AppointmentStatus.UNPAID and appointment.is_audit == AuditState.REQUESTED:
        return redirect(url_for(".result", appointment_id=appointment_id, kind="audit-again"))
    if appointment.status != AppointmentStatus.UNPAID:
        raise_for_audit(WriteOutcome(Change.WRONG_STATUS, appointment.status), appointment_id)
    return render_template("h5/audit_confirm.html", item=appointment)


@blueprint.get(f"/{ID}/done/<any(saved, audit, 'audit-again'):kind>")
def result(appointment_id: int, kind: str) -> str:
    title, description = RESULTS[kind]
    return render_template("h5/result.html", item=_own_appointment(appointment_id), title=title, description=description)


def _own_appointment(appointment_id: int) -> AppointmentDetails:
    appointment = queries.get_appointment(db(), patient_openid(), appointment_id)
    if appointment is None:
        raise not_found(appointment_id)
    return appointment


def _can_audit(appointment: AppointmentDetails) -> bool:
    return appointment.status == AppointmentStatus.UNPAID and appointment.is_audit == AuditState.NOT_REQUESTED


def _edit_form(appointment: AppointmentDetails, name: str, bespeak_time: str, error: InvalidInput | None) -> str:
    now = datetime.now(CLINIC_TIMEZONE)
    window = timedelta(days=services().settings.site.booking_window_days)
    earliest = (now + timedelta(minutes=1)).strftime(DATETIME_LOCAL_FORMAT)
    return render_template(
        "h5/edit.html",
        item=appointment,
        name=name,
        bespeak_time=bespeak_time,
        error=error,
        earliest=earliest,
        latest=(now + window).strftime(DATETIME_LOCAL_FORMAT),
        name_max_length=NAME_MAX_LENGTH,
    )
