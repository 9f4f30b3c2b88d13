"""Security headers of the H5 pages and the JSON API."""

from __future__ import annotations

from flask import Flask, Response, request

# WeChat serves avatars from these hosts; WeUI's icons are data: URLs inside its CSS.
AVATAR_HOSTS = ("https://thirdwx.qlogo.cn", "https://wx.qlogo.cn")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"img-src 'self' data: {' '.join(AVATAR_HOSTS)}",
        "script-src 'self'",
        "style-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

_PERSONAL_PREFIXES = ("/h5/", "/Wx/")


def add_security_headers(response: Response) -> Response:
    """Add the headers; every /h5/ and /Wx/ response is personal, so none may be cached."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if not request.path.startswith(_PERSONAL_PREFIXES):
        return response

    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
