"""Send a batch of recorded notices with a progress bar and return the summary."""

from __future__ import annotations

from tqdm import tqdm

from bot.services import Services
from notices.dispatch import enqueue, pending, send_inline, uses_queue, wait_for
from notices.outbox import Recorded
from notices.summary import Summary, summarize


def send_batch(services: Services, recorded: list[Recorded], wait_seconds: float, show_progress: bool = True) -> Summary:
    """Send every row that still needs it, then wait up to wait_seconds for queued rows to settle."""
    log_ids = pending(recorded)
    with tqdm(total=len(log_ids), unit="条", desc="发送通知", disable=not show_progress or not log_ids) as bar:
        if not uses_queue(services):
            deliveries = send_inline(services, log_ids, progress=lambda: bar.update(1))
        elif log_ids:
            enqueue(services, log_ids)
            deliveries = wait_for(services, log_ids, wait_seconds, progress=bar.update)
        else:
            deliveries = []

    return summarize(recorded, deliveries)
