"""Helpers shared by the staff commands (notify, remind, review): argument types, services, output."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from typing import Iterator

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.services import Services
from models.base import MAX_ID
from notices.staff import Context, StaffError
from notices.summary import Summary

log = logging.getLogger(__name__)

DEFAULT_WAIT_SECONDS = 60


def positive_id(raw: str) -> int:
    """argparse type: a database id, a whole number from 1."""
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{raw!r} 不是有效的编号，请输入正整数，例如 12")
    return int(raw)


def iso_date(raw: str) -> date:
    """argparse type: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} 不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-12-05") from None


def wait_seconds(raw: str) -> int:
    if not raw.isdigit() or int(raw) > 3600:
        raise argparse.ArgumentTypeError(f"{raw!r} 无效，请填写 0 到 3600 之间的秒数")
    return int(raw)


def add_wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=wait_seconds,
        default=DEFAULT_WAIT_SECONDS,
        metavar="SECONDS",
        help=f"with Redis configured, seconds to wait for the workers to send (default {DEFAULT_WAIT_SECONDS}; 0 returns at once)",
    )


def context(services: Services) -> Context:
    return Context(links=services.links, settings=services.settings.notices)


@contextmanager
def staff_services(settings: Settings) -> Iterator[Services]:
    services = Services.build(settings)
    try:
        yield services
    finally:
        services.engine.dispose()


def run_staff_action(settings: Settings, action: Callable[[Services], int]) -> int:
    """Run action with services, turning staff and database errors into a Chinese line and exit code."""
    try:
        with staff_services(settings) as services:
            return action(services)
    except StaffError as error:
        print(error.message)
        return 1
    except SQLAlchemyError as error:
        log.error("staff command: database error %s", type(error).__name__)
        print("数据库不可用或尚未初始化，请确认 database.url 配置正确，并运行 python run.py init-db。")
        return 1


def print_summary(title: str, summary: Summary) -> int:
    """Print the summary and return the exit code: 1 when any notice failed or is still waiting."""
    print(f"{title}：共 {summary.total} 条")
    for line in summary.lines():
        print(f"  {line}")
    return 1 if summary.failed or summary.waiting else 0
