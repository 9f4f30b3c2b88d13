"""RQ jobs that send notices, and the Services each worker process builds once.

One job sends one send-log row, so a worker that dies mid-batch loses only the
job it was running, and that row is claimed again after its lease.
"""

from __future__ import annotations

import logging

from bot.services import Services
from models.notices import NoticeStatus

log = logging.getLogger(__name__)

_services: Services | None = None


class RetryLater(Exception):
    """WeChat was busy or unreachable; raising it lets RQ run the job again after the retry interval."""


def bind(services: Services) -> None:
    """Use services for the jobs this process runs (`run.py worker` calls this before working)."""
    global _services
    _services = services


def _bound() -> Services:
    global _services
    if _services is None:
        # A plain `rq worker` started without run.py: build from the environment.
        from bot.config import load_settings

        _services = Services.build(load_settings())
    return _services


def deliver_job(log_id: int) -> str:
    """Send send-log row log_id and return its status; raise RetryLater for a later try."""
    from notices.delivery import deliver

    delivery = deliver(_bound(), log_id)
    if delivery.retry_later:
        raise RetryLater(f"notice {log_id} not sent yet (errcode {delivery.errcode}); RQ retries it")
    if delivery.status == NoticeStatus.SENDING:
        # Another worker holds the row, or one that died did: try again after the lease.
        raise RetryLater(f"notice {log_id} is being sent by another worker; RQ retries it after the lease")
    return delivery.status
