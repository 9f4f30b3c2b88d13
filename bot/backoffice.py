"""HTTP endpoints for the clinic's back-office system: send a notice, decide a payment review.

Every request carries `Authorization: Bearer <backoffice.token>`. With no
token configured the endpoints return 404, so nothing is open by accident.
Bodies are JSON in and out; every refusal is {"error": {"code", "message"}}
with the message in Chinese for the staff member behind the back office.
"""

from __future__ import annotations

import hmac
import logging

from flask import Blueprint, Response, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from bot.db import transaction
from bot.services import Services, services
from models.base import MAX_ID
from models.patients import Register
from notices import kinds
from notices.delivery import deliver
from notices.dispatch import enqueue, pending, uses_queue
from notices.outbox import Recorded
from notices.staff import Context, StaffError, prepare_appointment, prepare_mailed, prepare_report, prepare_review

log = logging.getLogger(__name__)

blueprint = Blueprint("backoffice", __name__, url_prefix="/backoffice")

PREPARERS = {
    kinds.APPOINTMENT: prepare_appointment,
    kinds.MAILED: prepare_mailed,
    kinds.REPORT: prepare_report,
}


class RequestError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@blueprint.errorhandler(RequestError)
def _request_error(error: RequestError) -> tuple[Response, int]:
    return _error(error.status, error.code, error.message)


@blueprint.errorhandler(StaffError)
def _staff_error(error: StaffError) -> tuple[Response, int]:
    return _error(error.status, error.code, error.message)


@blueprint.errorhandler(SQLAlchemyError)
def _database_error(error: SQLAlchemyError) -> tuple[Response, int]:
    log.error("backoffice: database error %s path=%s", type(error).__name__, request.path)
    return _error(503, "database_unavailable", "数据库暂时不可用，请稍后重试。")


@blueprint.before_request
def _require_token() -> tuple[Response, int] | None:
    """Reject the request unless its bearer token matches backoffice.token, compared in constant time."""
    expected = services().settings.backoffice.token
    if not expected:
        log.warning("backoffice: request rejected because backoffice.token is not set path=%s", request.path)
        return _error(404, "disabled", "后台接口未启用：请在配置中设置 backoffice.token 后重启服务。")

    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        log.warning("backoffice: invalid or missing bearer token path=%s", request.path)
        response, status = _error(401, "unauthorized", "缺少或无效的访问令牌，请在 Authorization 头中携带 Bearer 令牌。")
        response.headers["WWW-Authenticate"] = 'Bearer realm="backoffice"'
        return response, status
    return None


@blueprint.post("/notices")
def send_notice() -> tuple[Response, int]:
    """Send one notice: {"kind": "appointment" | "mailed" | "report", "id": N}."""
    body = _json_body()
    kind = body.get("kind")
    if kind not in PREPARERS:
        raise RequestError(400, "invalid_kind", f"kind 必须是 {', '.join(PREPARERS)} 之一。")
    business_id = _positive_id(body.get("id"), "id")

    app_services = services()
    with transaction(app_services.sessions) as session:
        recorded = PREPARERS[kind](session, _context(app_services), business_id)

    notice = _send(app_services, recorded)
    return jsonify({"notice": notice}), 202 if notice["status"] == "queued" else 200


@blueprint.post("/reviews/<int:appointment_id>")
def decide(appointment_id: int) -> tuple[Response, int]:
    """Decide a payment review: {"decision": "approve"} or {"decision": "reject", "reason": "..."}."""
    appointment_id = _positive_id(appointment_id, "id")
    body = _json_body()
    decision = body.get("decision")
    if decision not in ("approve", "reject"):
        raise RequestError(400, "invalid_decision", "decision 必须是 approve 或 reject。")
    reason = body.get("reason", "")
    if not isinstance(reason, str):
        raise RequestError(400, "invalid_reason", "reason 必须是文字。")

    app_services = services()
    with transaction(app_services.sessions) as session:
        result = prepare_review(session, _context(app_services), appointment_id, decision == "approve", reason)
        row = session.execute(select(Register.status, Register.is_audit).where(Register.id == appointment_id)).one()

    notice = _send(app_services, result.recorded)
    payload = {
        "appointment": {"id": appointment_id, "status": row.status, "is_audit": row.is_audit},
        "decided_now": result.decided_now,
        "notice": notice,
    }
    return jsonify(payload), 202 if notice["status"] == "queued" else 200


def _send(app_services: Services, recorded: Recorded) -> dict:
    """Send the notice unless it is settled: queued for a worker, or here and now without Redis."""
    notice = {"id": recorded.log_id, "status": recorded.status, "errcode": recorded.errcode, "msgid": None, "duplicate": not recorded.created}
    if not pending([recorded]):
        return notice

    if uses_queue(app_services):
        enqueue(app_services, [recorded.log_id])
        return {**notice, "status": "queued"}

    delivery = deliver(app_services, recorded.log_id)
    return {**notice, "status": delivery.status, "errcode": delivery.errcode, "msgid": delivery.msgid}


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise RequestError(400, "invalid_json", "请求体必须是 JSON 对象，并设置 Content-Type: application/json。")
    return body


def _positive_id(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise RequestError(400, f"invalid_{name}", f"{name} 必须是正整数。")
    return value


def _context(app_services: Services) -> Context:
    return Context(links=app_services.links, settings=app_services.settings.notices)


def _error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status
