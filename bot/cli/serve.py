"""`serve`: run the HTTP server with the WeChat callback and the H5 pages."""

from __future__ import annotations

import argparse
import logging

from bot.config import Settings

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="run the HTTP server (waitress, a production WSGI server)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="TCP port (default 5000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    import waitress

    from bot.app import create_app

    app = create_app(settings)
    log.info("serving on http://%s:%s (WeChat callback at /wechat)", arguments.host, arguments.port)
    if settings.is_local and f":{arguments.port}" not in settings.site.base_url:
        log.warning("site.base_url %s does not use port %s, so links in replies point elsewhere", settings.site.base_url, arguments.port)

    waitress.serve(app, host=arguments.host, port=arguments.port, threads=arguments.threads, ident="personal-center")
    log.info("server stopped")
    return 0
