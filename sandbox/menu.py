"""Custom menu endpoints of the fake WeChat API.

https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html
The sandbox checks the counts and byte lengths WeChat checks (3 buttons, 5
sub-buttons, names of 16 and 60 bytes) and returns its error codes for them.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from sandbox.app import error_body, injected_error, state
from sandbox.tokens import token_error

blueprint = Blueprint("sandbox_menu", __name__)

MENU_NOT_FOUND = 46003
INVALID_BUTTON_SIZE = 40016
INVALID_BUTTON_NAME_SIZE = 40018
INVALID_SUB_BUTTON_SIZE = 40023
INVALID_SUB_BUTTON_NAME_SIZE = 40025


@blueprint.post("/cgi-bin/menu/create")
def create_menu():
    failure = injected_error() or token_error()
    if failure:
        return failure

    payload = request.get_json(force=True, silent=True)
    errcode = _menu_error(payload)
    if errcode:
        return jsonify(error_body(errcode))

    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_state.store["menu"] = {"button": payload["button"]}
    return jsonify({"errcode": 0, "errmsg": "ok"})


@blueprint.get("/cgi-bin/menu/get")
def get_menu():
    failure = injected_error() or token_error()
    if failure:
        return failure

    sandbox_state = state()
    with sandbox_state.lock:
        menu = sandbox_state.store.get("menu")
    if menu is None:
        return jsonify(error_body(MENU_NOT_FOUND))
    return jsonify({"menu": menu})


@blueprint.get("/cgi-bin/menu/delete")
def delete_menu():
    failure = injected_error() or token_error()
    if failure:
        return failure

    sandbox_state = state()
    with sandbox_state.lock:
        sandbox_state.store.pop("menu", None)
    return jsonify({"errcode": 0, "errmsg": "ok"})


def _menu_error(payload) -> int | None:
    buttons = payload.get("button") if isinstance(payload, dict) else None
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        return INVALID_BUTTON_SIZE
    for button in buttons:
        if len(str(button.get("name", "")).encode()) > 16:
            return INVALID_BUTTON_NAME_SIZE
        subs = button.get("sub_button")
        if subs is None:
            continue
        if not isinstance(subs, list) or len(subs) > 5:
            return INVALID_SUB_BUTTON_SIZE
        if any(len(str(sub.get("name", "")).encode()) > 60 for sub in subs):
            return INVALID_SUB_BUTTON_NAME_SIZE
    return None
