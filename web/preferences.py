"""The large-text (care) mode switch, remembered in the session cookie.

WeUI enlarges text and controls when the body carries data-weui-mode="care";
base.html sets it from this preference.
"""

from __future__ import annotations

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from web.csrf import protect
from web.login import CARE_MODE_KEY
from web.redirects import safe_next

blueprint = Blueprint("preferences", __name__, url_prefix="/h5/care")


@blueprint.post("")
def toggle_care_mode() -> Response:
    """Switch large text on or off and go back to the page the switch was on."""
    protect()
    session[CARE_MODE_KEY] = request.form.get("care") == "on"
    return redirect(safe_next(request.form.get("next")))
