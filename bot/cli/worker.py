"""`worker`: run an RQ worker that sends queued notices; start one per process or machine."""

from __future__ import annotations

import argparse
import logging

import redis
from rq import Queue, SimpleWorker

from bot.config import Settings
from bot.services import Services
from notices import jobs
from notices.dispatch import QUEUE_NAME

log = logging.getLogger(__name__)


class NoticeWorker(SimpleWorker):
    """SimpleWorker whose command listener wakes every second, so that stopping takes a second.

    RQ's listener thread waits up to 60 s for a message, and with redis-py 8
    unsubscribing on shutdown can wait for that read to end.
    """

    def subscribe(self) -> None:
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler
        )


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "worker",
        help="send queued notices (needs redis.url); run several for more throughput",
        description="从 Redis 队列取出通知并发送。可在多台机器上各运行一个或多个。",
    )
    parser.add_argument("--burst", action="store_true", help="exit once the queue is empty instead of waiting for new jobs")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    if not settings.redis.url:
        print("未配置 redis.url：没有队列时，notify、remind、review 会直接发送通知，无需 worker。需要多进程发送时请设置 REDIS_URL。")
        return 2

    services = Services.build(settings)
    jobs.bind(services)

    # The worker blocks on the queue for minutes at a time, so its connection
    # gets no socket timeout, unlike the short-timeout client in Services.
    connection = redis.Redis.from_url(settings.redis.url)
    # SimpleWorker runs each job in this process: one Services (engine, API
    # client) per worker instead of one per forked job.
    worker = NoticeWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)
    log.info("worker: starting queue=%s burst=%s", QUEUE_NAME, arguments.burst)
    worker.work(burst=arguments.burst, with_scheduler=True, logging_level=settings.log.level.upper())
    log.info("worker: stopped")

    services.engine.dispose()
    return 0
