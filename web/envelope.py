"""The JSON envelope of every /Wx/ response: {"code", "msg", "data"}.

``code`` is 200 on success, as the old PHP service returned it, and otherwise
equals the HTTP status of the response.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

SUCCESS_CODE = 200


def envelope(data: Any = None, msg: str = "成功", code: int = SUCCESS_CODE) -> Response:
    response = jsonify({"code": code, "msg": msg, "data": data})
    response.status_code = code
    return response
