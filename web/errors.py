"""The one error handler of the web surfaces: a JSON envelope under /Wx/, a WeUI page under /h5/.

It rolls back the request's database session first, so a failed request
leaves nothing half-written.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from bot.logs import mask_openid
from web import db
from web.envelope import envelope
from web.login import current_openid

log = logging.getLogger(__name__)

API_PREFIX = "/Wx/"
PAGE_PREFIX = "/h5/"

# Messages the patient reads for each status when the code raising it gave none.
DEFAULT_MESSAGES = {
    400: "请求参数不正确，请返回上一页重新操作。",
    401: "登录已过期，请从公众号菜单重新进入个人中心。",
    403: "页面已过期，请刷新页面后重试。",
    404: "没有找到您要的内容，请返回个人中心查看。",
    405: "不支持这种请求方式，请返回个人中心重新操作。",
    409: "当前状态不能进行这个操作，请刷新后查看。",
    413: "提交的内容太多，请精简后重试。",
    500: "系统暂时繁忙，请稍后再试。",
    502: "微信暂时无法完成授权，请稍后再试。",
}
FALLBACK_MESSAGE = "请求没有完成，请返回个人中心重新操作。"


class PatientError(HTTPException):
    """An expected refusal, carrying the Chinese sentence the patient reads and the reason operators read."""

    def __init__(self, code: int, message: str | None = None, reason: str = "") -> None:
        super().__init__(description=message or DEFAULT_MESSAGES.get(code, FALLBACK_MESSAGE))
        self.code = code
        self.reason = reason


def handle_http_error(error: HTTPException) -> Response | HTTPException:
    """Render an error under /Wx/ or /h5/ in the patient's language; leave other paths to Flask."""
    db.rollback()

    path = request.path
    if not path.startswith((API_PREFIX, PAGE_PREFIX)):
        return error

    status, message = _status_and_message(error)
    _log(error, status)
    if path.startswith(API_PREFIX):
        return envelope(msg=message, code=status)

    page = render_template("h5/error.html", status=status, message=message)
    return Response(page, status=status, mimetype="text/html")


def _status_and_message(error: HTTPException) -> tuple[int, str]:
    # Flask-WTF raises CSRFError as a 400; a missing or stale token is a refusal.
    if isinstance(error, CSRFError):
        return 403, DEFAULT_MESSAGES[403]
    if isinstance(error, PatientError):
        return error.code, error.description
    status = error.code or 500
    return status, DEFAULT_MESSAGES.get(status, FALLBACK_MESSAGE)


def _log(error: HTTPException, status: int) -> None:
    reason = getattr(error, "reason", "") or type(error).__name__
    user = mask_openid(current_openid())
    # Server errors were already logged with their traceback by Flask.
    if status < 500:
        log.info("web: %s %s rejected status=%s reason=%s user=%s", request.method, request.path, status, reason, user)
    else:
        log.warning("web: %s %s failed status=%s reason=%s user=%s", request.method, request.path, status, reason, user)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
