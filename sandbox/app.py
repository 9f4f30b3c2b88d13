"""The sandbox's Flask application."""

from __future__ import annotations

from flask import Flask, jsonify, request

from sandbox.state import SandboxState

STATE_KEY = "sandbox_state"

# WeChat's error messages for the codes the sandbox can inject.
ERROR_MESSAGES = {
    -1: "system error",
    40001: "invalid credential, access_token is invalid or not latest",
    40003: "invalid openid",
    40014: "invalid access_token",
    40029: "invalid code",
    40037: "invalid template_id",
    40163: "code been used",
    42001: "access_token expired",
    43004: "require subscribe",
    45009: "reach max api daily quota limit",
    40002: "invalid grant_type",
    40013: "invalid appid",
    40016: "invalid button size",
    40018: "invalid button name size",
    40023: "invalid sub button size",
    40025: "invalid sub button name size",
    40125: "invalid appsecret",
    40164: "invalid ip, not in whitelist",
    46003: "menu no exist",
    47001: "data format error",
    47003: "argument invalid!",
}


def create_sandbox(app_id: str, app_secret: str) -> Flask:
    """Build the fake WeChat server for one official account."""
    app = Flask(__name__)
    app.extensions[STATE_KEY] = SandboxState(app_id=app_id, app_secret=app_secret)

    app.before_request(_record_call)
    app.add_url_rule("/sandbox/calls", view_func=_list_calls)
    app.add_url_rule("/sandbox/faults", view_func=_inject_fault, methods=["POST"])
    app.add_url_rule("/sandbox/reset", view_func=_reset, methods=["POST"])

    from sandbox import menu, messages, oauth, tokens

    for module in (tokens, messages, menu, oauth):
        app.register_blueprint(module.blueprint)
    return app


def state(app: Flask | None = None) -> SandboxState:
    from flask import current_app

    return (app or current_app).extensions[STATE_KEY]


def error_body(errcode: int) -> dict:
    """Return WeChat's JSON error body for errcode."""
    return {"errcode": errcode, "errmsg": ERROR_MESSAGES.get(errcode, "error")}


def injected_error():
    """Return an injected error response for this path, or None to answer normally."""
    errcode = state().take_fault(request.path)
    if errcode is None:
        return None
    return jsonify(error_body(errcode))


def _record_call() -> None:
    if request.path.startswith("/sandbox/"):
        return
    body = request.get_json(silent=True) if request.is_json or request.data[:1] in (b"{", b"[") else None
    if body is None and request.data:
        body = request.get_data(as_text=True)
    state().record(request.path, dict(request.args), body)


def _list_calls():
    path = request.args.get("path")
    calls = state().calls_to(path) if path else list(state().calls)
    return jsonify([{"path": c.path, "params": c.params, "body": c.body, "time": c.time} for c in calls])


def _inject_fault():
    payload = request.get_json(force=True)
    state().inject(payload["path"], int(payload["errcode"]), int(payload.get("times", 1)))
    return jsonify({"ok": True})


def _reset():
    state().reset()
    return jsonify({"ok": True})
