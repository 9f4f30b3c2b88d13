"""Notices through RQ and real worker processes: concurrent workers, duplicate triggers, a killed worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
import requests
from sqlalchemy import select

from bot.config import PROJECT_ROOT
from bot.db import transaction
from bot.demo import demo_day
from models import NoticeLog, Register, WeChatUser
from notices.batch import send_batch
from notices.dispatch import enqueue
from notices.staff import Context, prepare_reminders
from sandbox.messages import follow

EXTRA_PATIENTS = 10
LEASE_SECONDS = 5
WORKER_TIMEOUT_SECONDS = 60


def add_patients(services, sandbox, count: int) -> None:
    """Add count followers with an unpaid appointment on the demo day, for a bigger batch."""
    day = int(demo_day().timestamp())
    with transaction(services.sessions) as session:
        for number in range(count):
            openid = f"oBatchPatient{number:015d}"
            user = WeChatUser(openid=openid, nickname="", subscribe=1)
            session.add(user)
            session.flush()
            session.add(Register(reg_sn=f"BATCH{number:06d}", user_id=user.id, name=f"患者{number}", status=2, bespeak_time=day + number * 60))
    with sandbox.app.app_context():
        for number in range(count):
            follow(f"oBatchPatient{number:015d}")


def record_reminders(services):
    with transaction(services.sessions) as session:
        return prepare_reminders(session, Context(links=services.links, settings=services.settings.notices), demo_day().date())


def cards_per_patient(sandbox) -> Counter:
    with sandbox.app.app_context():
        return Counter(message["touser"] for message in sandbox.state.store.get("template_messages", []))


def statuses(services) -> Counter:
    with transaction(services.sessions) as session:
        return Counter(session.scalars(select(NoticeLog.status)))


def start_worker(services, *extra: str) -> subprocess.Popen:
    settings = services.settings
    env = {
        **os.environ,
        "DATABASE_URL": settings.database.url,
        "REDIS_URL": settings.redis.url,
        "WECHAT_API_BASE_URL": settings.wechat.api_base_url,
        "WECHAT_RETRY_BACKOFF_MS": "0",
        "NOTICES_SENDING_LEASE_SECONDS": str(LEASE_SECONDS),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PERSONAL_CENTER_CONFIG", None)
    return subprocess.Popen(
        [sys.executable, "run.py", "worker", *extra],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def workers():
    """Worker processes started by a test, stopped with their process group when it ends.

    A worker that is not in burst mode forks RQ's scheduler into its process
    group, and that child outlives a worker killed with SIGKILL.
    """
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)


def test_two_workers_and_duplicate_jobs_send_once(queued_services, sandbox, workers):
    add_patients(queued_services, sandbox, EXTRA_PATIENTS)
    recorded = record_reminders(queued_services)
    log_ids = [item.log_id for item in recorded]
    enqueue(queued_services, log_ids)
    enqueue(queued_services, log_ids)

    workers.extend([start_worker(queued_services, "--burst"), start_worker(queued_services, "--burst")])
    for process in workers:
        assert process.wait(timeout=WORKER_TIMEOUT_SECONDS) == 0

    per_patient = cards_per_patient(sandbox)
    assert len(per_patient) == EXTRA_PATIENTS + 2
    assert set(per_patient.values()) == {1}
    assert statuses(queued_services) == {"sent": EXTRA_PATIENTS + 2}


def test_killed_worker_loses_and_doubles_nothing(queued_services, sandbox, workers):
    add_patients(queued_services, sandbox, EXTRA_PATIENTS)
    total = EXTRA_PATIENTS + 2
    # Each answer comes 0.3 s after WeChat delivered the message, so the kill
    # lands while a send is in flight.
    requests.post(f"{sandbox.url}/sandbox/latency", json={"seconds": 0.3}, timeout=5)
    send_batch(queued_services, record_reminders(queued_services), wait_seconds=0, show_progress=False)

    worker = start_worker(queued_services)
    workers.append(worker)
    wait_until(lambda: sum(cards_per_patient(sandbox).values()) >= 3, 30, "three messages")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    killed_at = time.monotonic()

    interrupted = statuses(queued_services)
    assert interrupted["sent"] < total

    # The restarted worker drains the queue; a row left "sending" by the dead
    # worker is picked up by re-running the command after its lease.
    requests.post(f"{sandbox.url}/sandbox/latency", json={"seconds": 0}, timeout=5)
    restarted = start_worker(queued_services, "--burst")
    workers.append(restarted)
    assert restarted.wait(timeout=WORKER_TIMEOUT_SECONDS) == 0
    wait_until(lambda: time.monotonic() - killed_at > LEASE_SECONDS + 1, LEASE_SECONDS + 5, "the sending lease")
    send_batch(queued_services, record_reminders(queued_services), wait_seconds=0, show_progress=False)
    again = start_worker(queued_services, "--burst")
    workers.append(again)
    assert again.wait(timeout=WORKER_TIMEOUT_SECONDS) == 0

    per_patient = cards_per_patient(sandbox)
    assert len(per_patient) == total
    assert set(per_patient.values()) == {1}
    assert statuses(queued_services) == {"sent": total}
