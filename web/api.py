"""The JSON API at the old PHP service's paths, /Wx/Personal/<action>, for the existing front end.

Every response is the envelope {"code", "msg", "data"} (see web.envelope). The
patient is always the logged-in WeChat user of the session; no endpoint reads
an openid or user id from the request. Reads are GET. ``save`` and ``audit``
are POST with a form-encoded or JSON body and the CSRF token in the
X-CSRF-Token header (or the csrf_token form field); GET ``csrf`` returns it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, request
from flask_wtf.csrf import generate_csrf

from models import queries
from web.actions import ask_payment_review, read_edit, save_edit
from web.db import db
from web.envelope import envelope
from web.errors import PatientError
from web.guards import patient_openid, require_api_login
from web.refusals import not_found
from web.validation import InvalidInput, parse_id

blueprint = Blueprint("api", __name__, url_prefix="/Wx/Personal")
blueprint.before_request(require_api_login)

# The fields of each response, named as the old service named them.
ORDER_FIELDS = ("id", "name", "status", "is_audit", "hospital_name", "tel", "expert_name", "create_time")
RECORD_FIELDS = ("id", "name", "status", "hospital_name", "tel", "expert_name")
GOODS_FIELDS = ("id", "name", "status", "create_time", "tel", "address", "goods_name")
REPORT_FIELDS = ("front_score", "in_score", "after_score", "recovery_score", "score")
DETAILS_FIELDS = ("id", "reg_sn", "name", "status", "bespeak_time", "weight", "height", "img", "expert_name", "category_name")


@blueprint.get("/csrf")
def csrf_token() -> Response:
    """Return the CSRF token that save and audit expect in the X-CSRF-Token header."""
    return envelope({"csrf_token": generate_csrf()})


@blueprint.get("/info")
def info() -> Response:
    profile = queries.get_profile(db(), patient_openid())
    if profile is None:
        return envelope({"img": "", "name": ""})
    return envelope({"img": profile.img, "name": profile.name})


@blueprint.get("/order")
def order() -> Response:
    rows = queries.list_open_appointments(db(), patient_openid())
    return envelope([_pick(row, ORDER_FIELDS) for row in rows])


@blueprint.get("/record")
def record() -> Response:
    rows = queries.list_visits(db(), patient_openid())
    return envelope([_pick(row, RECORD_FIELDS) for row in rows])


@blueprint.get("/goods")
def goods() -> Response:
    rows = queries.list_claims(db(), patient_openid())
    return envelope([_pick(row, GOODS_FIELDS) for row in rows])


@blueprint.get("/report")
def report() -> Response:
    card = queries.get_report(db(), patient_openid())
    if card is None:
        return envelope(None, msg="您的成绩单还没有发布，发布后我们会通知您。")
    return envelope(_pick(card, REPORT_FIELDS))


@blueprint.get("/details")
def details() -> Response:
    appointment_id = _valid_id(request.args.get("id"))
    row = queries.get_appointment(db(), patient_openid(), appointment_id)
    if row is None:
        raise not_found(appointment_id)
    return envelope(_pick(row, DETAILS_FIELDS))


@blueprint.post("/save")
def save() -> Response:
    values = _body()
    try:
        edit = read_edit(values, values.get("id"))
    except InvalidInput as error:
        raise PatientError(400, error.message, reason=f"invalid {error.field}") from None

    save_edit(patient_openid(), edit)
    return envelope({"id": edit.id, "name": edit.name, "bespeak_time": edit.bespeak_time}, msg="预约信息已保存。")


@blueprint.post("/audit")
def audit() -> Response:
    appointment_id = _valid_id(_body().get("id"))
    first_time = ask_payment_review(patient_openid(), appointment_id)

    row = queries.get_appointment(db(), patient_openid(), appointment_id)
    data = {"id": appointment_id, "is_audit": row.is_audit, "audit_time": row.audit_time}
    msg = "已提交支付审核申请，工作人员审核后会通知您。" if first_time else "您已申请过支付审核，请耐心等待工作人员审核。"
    return envelope(data, msg=msg)


def _valid_id(raw: Any) -> int:
    try:
        return parse_id(raw)
    except InvalidInput as error:
        raise PatientError(400, error.message, reason="invalid id") from None


def _body() -> Mapping[str, Any]:
    """Return the JSON object or the form fields of the request body."""
    if not request.is_json:
        return request.form

    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise PatientError(400, "提交的内容格式不正确，请刷新页面后重试。", reason="body is not a JSON object")
    return payload


def _pick(row: object, fields: tuple[str, ...]) -> dict[str, Any]:
    values = asdict(row)
    return {name: values[name] for name in fields}
