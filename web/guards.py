"""Before-request checks: who the patient is, then the CSRF token of a state-changing request."""

from __future__ import annotations

from flask import g, redirect, request, url_for
from werkzeug.wrappers import Response

from web.csrf import protect
from web.errors import PatientError
from web.login import current_openid
from web.redirects import current_page


def patient_openid() -> str:
    """Return the openid the guard of this request stored; views behind a guard only."""
    return g.patient_openid


def require_api_login() -> None:
    """Refuse an API request with 401 when nobody is logged in, then check CSRF."""
    openid = current_openid()
    if openid is None:
        raise PatientError(401, reason="not logged in")

    g.patient_openid = openid
    protect()


def require_page_login() -> Response | None:
    """Send a logged-out visitor through the login entry and back to this page, then check CSRF."""
    openid = current_openid()
    if openid is None:
        return redirect(url_for("auth.start", next=current_page(request.full_path)))

    g.patient_openid = openid
    protect()
    return None
