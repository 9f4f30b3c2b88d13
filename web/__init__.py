"""The web surfaces for patients: the H5 personal center and the JSON API under /Wx/Personal.

Both sit behind WeChat web authorization (web.auth), share one error handler
(web.errors), CSRF protection (web.csrf) and security headers (web.headers).
"""

from __future__ import annotations

import logging

from flask import Flask

from bot.config import Settings
from web import csrf, db, errors, headers, login, templating

log = logging.getLogger(__name__)


def init_app(app: Flask, settings: Settings) -> None:
    """Configure the session cookie and register the H5 pages, the JSON API and their handlers."""
    login.configure_session_cookie(app, settings)
    csrf.init_app(app)
    db.init_app(app)
    errors.init_app(app)
    headers.init_app(app)
    templating.init_app(app, settings)
    # The envelope's Chinese messages stay readable in the raw JSON, and
    # fields keep the order the old service documented.
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from web import api, appointment_pages, auth, pages, preferences

    app.register_blueprint(auth.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(appointment_pages.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(preferences.blueprint)
    auth.init_app(app, settings)

    if dev_login_enabled(settings):
        from web import dev_login

        app.register_blueprint(dev_login.blueprint)
        log.warning("dev login enabled at /h5/dev-login: anyone can log in as any patient")
    elif settings.site.dev_login:
        log.error("site.dev_login ignored because site.base_url %s is not local", settings.site.base_url)


def dev_login_enabled(settings: Settings) -> bool:
    """Return True when the dev login page exists: asked for, and the site is local."""
    return settings.site.dev_login and settings.is_local
