"""One database session per web request, closed (and so rolled back unless committed) at teardown."""

from __future__ import annotations

from flask import Flask, g
from sqlalchemy.orm import Session

from bot.services import services

_SESSION_KEY = "db_session"


def db() -> Session:
    """Return this request's session, opening it on first use."""
    if _SESSION_KEY not in g:
        g.db_session = services().sessions()
    return g.db_session


def rollback() -> None:
    """Undo this request's uncommitted writes, if it opened a session."""
    session = g.get(_SESSION_KEY)
    if session is not None:
        session.rollback()


def _close(_error: BaseException | None) -> None:
    session = g.pop(_SESSION_KEY, None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
