"""`sandbox`: run the local fake WeChat API on 127.0.0.1, for demos without a WeChat account."""

from __future__ import annotations

import argparse
import logging

from bot.config import Settings

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "sandbox",
        help="run the fake WeChat API on 127.0.0.1 (demo patients follow it)",
        description="在 127.0.0.1 上运行模拟的微信接口，演示患者已关注。将 WECHAT_API_BASE_URL 指向它即可离线演示。",
    )
    parser.add_argument("--port", type=int, default=5001, help="TCP port (default 5001)")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from bot.demo import DEMO_PATIENTS
    from sandbox.app import create_sandbox
    from sandbox.messages import follow

    if not 1 <= arguments.port <= 65535:
        print(f"端口 {arguments.port} 无效，请填写 1 到 65535 之间的数字。")
        return 2

    app = create_sandbox(settings.wechat.app_id, settings.wechat.app_secret)
    with app.app_context():
        for openid in DEMO_PATIENTS:
            follow(openid)

    url = f"http://127.0.0.1:{arguments.port}"
    print(f"模拟微信接口：{url}（AppID {settings.wechat.app_id}，演示患者均已关注）")
    print("让服务使用它：")
    print(f"  export WECHAT_API_BASE_URL={url} WECHAT_OPEN_BASE_URL={url}")
    log.info("sandbox: listening on %s", url)
    run_simple("127.0.0.1", arguments.port, app, threaded=True, use_reloader=False)
    return 0
