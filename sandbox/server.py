"""Run the sandbox in a background thread on 127.0.0.1, for tests and the demo."""

from __future__ import annotations

import logging
import threading

from flask import Flask
from werkzeug.serving import make_server

from sandbox.app import create_sandbox, state
from sandbox.state import SandboxState

log = logging.getLogger(__name__)


class SandboxServer:
    """A started sandbox: `url` to point wechat.api_base_url at, `state` to inspect."""

    def __init__(self, app_id: str, app_secret: str, port: int = 0) -> None:
        self.app: Flask = create_sandbox(app_id, app_secret)
        self._server = make_server("127.0.0.1", port, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="wechat-sandbox", daemon=True)

    @property
    def state(self) -> SandboxState:
        return state(self.app)

    def start(self) -> SandboxServer:
        self._thread.start()
        log.info("sandbox: fake WeChat API listening on %s", self.url)
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)
        log.info("sandbox: stopped")

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
