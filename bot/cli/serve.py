"""`serve`: run the HTTP server with the WeChat callback and the H5 pages."""

from __future__ import annotations

import argparse
import logging
import sys

from bot.config import LOCAL_HOSTS, Settings

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

    # A local base URL allows the demo credentials and the dev login, with
    # which anyone who reaches the server can act as any patient.
    if arguments.host not in LOCAL_HOSTS and settings.is_local:
        print(
            f"serve error: --host {arguments.host} would expose a server whose site.base_url "
            f"{settings.site.base_url} is local (demo credentials and dev login allowed); "
            "listen on 127.0.0.1, or set a public site.base_url with the account's real credentials",
            file=sys.stderr,
        )
        return 2

    app = create_app(settings)
    log.info("serving on http://%s:%s (WeChat callback at /wechat)", arguments.host, arguments.port)
    if settings.is_local and f":{arguments.port}" not in settings.site.base_url:
        log.warning("site.base_url %s does not use port %s, so links in replies point elsewhere", settings.site.base_url, arguments.port)

    waitress.serve(app, host=arguments.host, port=arguments.port, threads=arguments.threads, ident="personal-center")
    log.info("server stopped")
    return 0
