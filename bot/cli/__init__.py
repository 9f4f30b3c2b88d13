"""Command line: `python run.py COMMAND`. Each command lives in its own module."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli import chat, database, menu, notify, remind, review, sandbox, serve, worker
from bot.config import ConfigError, load_settings
from bot.logs import configure_logging

COMMANDS = (serve, database, chat, menu, notify, remind, review, worker, sandbox)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run.py", description="孕产个人中心公众号服务 / maternity-care personal center")
    parser.add_argument("--config", type=Path, help="TOML config file (default: config.toml if present, else embedded defaults)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)

    try:
        settings = load_settings(arguments.config)
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2

    configure_logging(settings.log.level)
    return arguments.run(settings, arguments) or 0
