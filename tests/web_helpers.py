"""Test helpers for the H5 pages and the JSON API: log in through the dev login, read tokens and rows."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from bot.services import services
from models import Register, WeChatUser

_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(html: str) -> str:
    """Return the CSRF token of the first form on a page."""
    match = _CSRF_FIELD.search(html)
    assert match, "page has no form with a CSRF token"
    return match.group(1)


def log_in(client, openid: str, next_path: str = "/h5/"):
    """Log in as openid through the dev login page, as a developer would; return the redirect."""
    page = client.get("/h5/dev-login", query_string={"next": next_path})
    assert page.status_code == 200
    response = client.post(
        "/h5/dev-login", data={"csrf_token": form_token(page.text), "openid": openid, "next": next_path}
    )
    assert response.status_code == 302
    return response


def api_token(client) -> str:
    """Return the CSRF token the JSON API hands out for save and audit."""
    response = client.get("/Wx/Personal/csrf")
    assert response.status_code == 200
    return response.json["data"]["csrf_token"]


def appointment_ids(app: Flask, openid: str, status: int, is_audit: int | None = None) -> list[int]:
    """Return the ids of openid's appointments in a status, oldest first."""
    statement = (
        select(Register.id)
        .join(WeChatUser, WeChatUser.id == Register.user_id)
        .where(WeChatUser.openid == openid, Register.status == status)
        .order_by(Register.id)
    )
    if is_audit is not None:
        statement = statement.where(Register.is_audit == is_audit)
    with services(app).sessions() as session:
        return list(session.scalars(statement))


def load_appointment(app: Flask, appointment_id: int) -> Register:
    with services(app).sessions() as session:
        return session.get(Register, appointment_id)
