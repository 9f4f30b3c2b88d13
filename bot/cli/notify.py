"""`notify`: send one template notice about an appointment, a mailed pack or a report card."""

from __future__ import annotations

import argparse

from bot.config import Settings
from bot.cli.staff import add_wait_option, context, positive_id, print_summary, run_staff_action
from bot.db import transaction
from bot.services import Services
from models.notices import FINAL_STATUSES, NoticeLog
from notices import kinds
from notices.batch import send_batch
from notices.outbox import Recorded
from notices.staff import prepare_appointment, prepare_mailed, prepare_report

# Kinds staff send by hand; reminders go through `remind`, review results through `review`.
PREPARERS = {
    kinds.APPOINTMENT: prepare_appointment,
    kinds.MAILED: prepare_mailed,
    kinds.REPORT: prepare_report,
}
PENDING = "pending"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "notify",
        help="send one template notice: appointment APPOINTMENT_ID, mailed CLAIM_ID, report USER_ID, or pending",
        description="发送一条模板通知。同一事件只发送一次，重复执行不会重复发送。pending 重新发送所有未完成的通知。",
    )
    parser.add_argument("kind", choices=[*PREPARERS, PENDING], help="notice kind, or pending to resend every unfinished notice")
    parser.add_argument("id", nargs="?", type=positive_id, help="appointment id, claim id (mailed) or mtd_wechar_user id (report)")
    add_wait_option(parser)
    parser.set_defaults(run=run)




def run(settings: Settings, arguments: argparse.Namespace) -> int:
    if arguments.kind != PENDING and arguments.id is None:
        print(f"请提供编号，例如：python run.py notify {arguments.kind} 12")
        return 2
    return run_staff_action(settings, lambda services: _notify(services, arguments))


def _notify(services: Services, arguments: argparse.Namespace) -> int:
    with transaction(services.sessions) as session:
        if arguments.kind == PENDING:
            recorded = _unfinished(session)
        else:
            recorded = [PREPARERS[arguments.kind](session, context(services), arguments.id)]

    title = "未完成的通知" if arguments.kind == PENDING else kinds.KIND_LABELS[arguments.kind]
    summary = send_batch(services, recorded, arguments.wait, show_progress=arguments.kind == PENDING)
    return print_summary(title, summary)


def _unfinished(session) -> list[Recorded]:
    # NOTE: rows are resent as they were recorded. A reminder left unfinished
    # goes out even if its visit day has passed or the appointment was closed.
    rows = session.query(NoticeLog.id, NoticeLog.status, NoticeLog.errcode).filter(NoticeLog.status.not_in(FINAL_STATUSES)).all()
    return [Recorded(log_id=row.id, created=False, status=row.status, errcode=row.errcode) for row in rows]
