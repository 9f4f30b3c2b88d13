"""`review`: decide a patient's payment review and send the result notice."""

from __future__ import annotations

import argparse

from bot.config import Settings
from bot.cli.staff import add_wait_option, context, positive_id, print_summary, run_staff_action
from bot.db import transaction
from bot.services import Services
from notices import kinds
from notices.batch import send_batch
from notices.fields import MAX_CHARACTERS
from notices.staff import prepare_review


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "review",
        help="approve or reject the payment review of appointment ID and notify the patient",
        description="处理患者的支付审核申请：通过则预约改为已付款；驳回需写明原因。两种结果都会通知患者。",
    )
    parser.add_argument("id", type=positive_id, help="appointment id (mtd_register.id)")
    decision = parser.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", action="store_true", help="payment confirmed: the appointment becomes paid")
    decision.add_argument("--reject", metavar="REASON", help="payment not confirmed, with the reason the patient will read")
    add_wait_option(parser)
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    return run_staff_action(settings, lambda services: _review(services, arguments))


def _review(services: Services, arguments: argparse.Namespace) -> int:
    approve = bool(arguments.approve)
    with transaction(services.sessions) as session:
        result = prepare_review(session, context(services), arguments.id, approve, arguments.reject)

    if not result.decided_now:
        print(f"预约 {arguments.id} 的支付审核此前已处理，本次未做改动。")
    elif approve:
        print(f"预约 {arguments.id} 已审核通过，状态改为已付款。")
    else:
        print(f"预约 {arguments.id} 的支付审核已驳回。")
        if len(arguments.reject.strip()) > MAX_CHARACTERS:
            print(f"提示：原因超过 {MAX_CHARACTERS} 个字，通知中会截断显示，完整原因请电话告知患者。")

    summary = send_batch(services, [result.recorded], arguments.wait, show_progress=False)
    return print_summary(kinds.KIND_LABELS[kinds.REVIEW], summary)
