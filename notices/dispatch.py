"""Send recorded notices: through RQ workers when Redis is configured, else in this process.

With redis.url empty there is no queue shared with other processes, so the
notices are sent here and now, one after another.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from rq import Queue, Retry
from sqlalchemy import select

from bot.db import transaction
from bot.services import Services
from models.notices import FINAL_STATUSES, NoticeLog
from notices.delivery import Delivery, deliver
from notices.jobs import deliver_job
from notices.outbox import Recorded

log = logging.getLogger(__name__)

QUEUE_NAME = "notices"
POLL_SECONDS = 0.2
# Floor of the RQ job timeout; a job running longer is stopped by RQ.
MIN_JOB_TIMEOUT_SECONDS = 120


def uses_queue(services: Services) -> bool:
    return bool(services.settings.redis.url)


def pending(recorded: Iterable[Recorded]) -> list[int]:
    """Return the ids of rows that still need a send (new, waiting, retrying or stuck)."""
    return [item.log_id for item in recorded if item.status not in FINAL_STATUSES]


def enqueue(services: Services, log_ids: list[int]) -> None:
    """Put one RQ job per row on the notices queue, retried later when WeChat is busy."""
    settings = services.settings.notices
    queue = Queue(QUEUE_NAME, connection=services.redis)
    retry = None
    if settings.max_retries:
        intervals = [settings.retry_delay_seconds * 2**attempt for attempt in range(settings.max_retries)]
        retry = Retry(max=settings.max_retries, interval=intervals)
    for log_id in log_ids:
        queue.enqueue(deliver_job, log_id, retry=retry, job_timeout=job_timeout(services), description=f"notice {log_id}")
    log.info("dispatch: enqueued notices=%s queue=%s", len(log_ids), QUEUE_NAME)


def job_timeout(services: Services) -> int:
    """Return a job timeout above the slowest send the settings allow.

    One send may fetch a token and retry once for a bad token, plus
    busy_retries waits that double from retry_backoff_ms; every call can take
    wechat.timeout_seconds.
    """
    wechat = services.settings.wechat
    calls = 3 + wechat.busy_retries
    backoff_seconds = wechat.retry_backoff_ms * (2**wechat.busy_retries - 1) / 1000
    return max(MIN_JOB_TIMEOUT_SECONDS, int(calls * wechat.timeout_seconds + backoff_seconds) + 30)


def send_inline(services: Services, log_ids: list[int], progress: Callable[[], None] | None = None) -> list[Delivery]:
    deliveries = []
    for log_id in log_ids:
        deliveries.append(deliver(services, log_id))
        if progress:
            progress()
    return deliveries


def wait_for(
    services: Services,
    log_ids: list[int],
    timeout_seconds: float,
    progress: Callable[[int], None] | None = None,
) -> list[Delivery]:
    """Poll the send log until every row is settled or timeout_seconds pass; return each row's state.

    A row still queued, sending or retrying when time runs out is returned as it is.
    """
    deadline = time.monotonic() + timeout_seconds
    settled_count = 0
    while True:
        rows = _read(services, log_ids)
        settled = [row for row in rows if row.status in FINAL_STATUSES]
        if progress and len(settled) > settled_count:
            progress(len(settled) - settled_count)
            settled_count = len(settled)
        if len(settled) == len(log_ids) or time.monotonic() >= deadline:
            return rows
        time.sleep(POLL_SECONDS)


def _read(services: Services, log_ids: list[int]) -> list[Delivery]:
    with transaction(services.sessions) as session:
        rows = session.execute(
            select(NoticeLog.id, NoticeLog.status, NoticeLog.errcode, NoticeLog.msgid).where(NoticeLog.id.in_(log_ids))
        ).all()
    return [Delivery(log_id=row.id, status=row.status, errcode=row.errcode, msgid=row.msgid) for row in rows]
