"""Flask application factory."""

from __future__ import annotations

import logging

from flask import Flask, Response, request

from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.services import EXTENSION_KEY, Services

log = logging.getLogger(__name__)

# WeChat's callback bodies are a few KB; anything near this size is not from WeChat.
MAX_REQUEST_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, services: Services | None = None) -> Flask:
    """Build the application: settings, shared services, the WeChat callback and error handlers."""
    settings = settings or (services.settings if services else load_settings())

    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(SECRET_KEY=settings.flask.secret_key, MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES)
    app.extensions[EXTENSION_KEY] = services or Services.build(settings)

    from bot import backoffice, callback
    import web

    app.register_blueprint(callback.blueprint)
    app.register_blueprint(backoffice.blueprint)
    web.init_app(app, settings)
    app.after_request(_log_request)
    # Browsers ask for /favicon.ico on every page; an empty answer keeps a 404 out of their consoles.
    app.add_url_rule("/favicon.ico", "favicon", lambda: Response(status=204))

    log.info("app created base_url=%s database=%s", settings.site.base_url, app.extensions[EXTENSION_KEY].engine.dialect.name)
    return app


def _log_request(response: Response) -> Response:
    """Log method, path and status only: query strings can carry openids and codes."""
    log.info("%s %s %s", request.method, request.path, response.status_code)
    return response
