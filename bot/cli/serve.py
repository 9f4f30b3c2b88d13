"""`serve`: run the HTTP server with the WeChat callback and the H5 pages."""

from __future__ import annotations

import argparse
import logging

from bot.config import Settings

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="run the HTTP server (development server, threaded)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="TCP port (default 5000)")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from bot.app import create_app

    app = create_app(settings)
    log.info("serving on http://%s:%s (WeChat callback at /wechat)", arguments.host, arguments.port)
    run_simple(arguments.host, arguments.port, app, threaded=True, use_reloader=False)
    log.info("server stopped")
    return 0
