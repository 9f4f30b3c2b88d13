"""`remind`: send the day-before visit reminder for every open appointment on one day."""

from __future__ import annotations

import argparse
from datetime import datetime

from bot.config import Settings
from bot.cli.staff import add_wait_option, context, iso_date, print_summary, run_staff_action
from bot.db import transaction
from bot.services import Services
from bot.texts import CLINIC_TIMEZONE
from notices.batch import send_batch
from notices.staff import prepare_reminders


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "remind",
        help="send visit reminders for every unpaid or paid appointment on --date",
        description="为指定日期的每个待付款、已付款预约发送就诊提醒。已发送过的不会重复发送，中断后重新执行只补发未发送的。",
    )
    parser.add_argument("--date", required=True, type=iso_date, help="visit day, YYYY-MM-DD in clinic time (Asia/Shanghai)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_wait_option(parser)
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    today = datetime.now(CLINIC_TIMEZONE).date()
    if arguments.date < today:
        print(f"{arguments.date} 已经过去，无法发送就诊提醒，请填写今天或以后的日期。")
        return 2
    return run_staff_action(settings, lambda services: _remind(services, arguments))


def _remind(services: Services, arguments: argparse.Namespace) -> int:
    with transaction(services.sessions) as session:
        recorded = prepare_reminders(session, context(services), arguments.date)

    if not recorded:
        print(f"{arguments.date} 没有待付款或已付款的预约，无需提醒。")
        return 0

    summary = send_batch(services, recorded, arguments.wait, show_progress=not arguments.no_progress)
    return print_summary(f"{arguments.date} 就诊提醒", summary)
