"""Redis connection: a real server when redis.url is set, else an in-process stand-in."""

from __future__ import annotations

import logging

import redis

log = logging.getLogger(__name__)


def connect_redis(url: str) -> redis.Redis:
    """Return a client for url, or a fakeredis instance when url is empty.

    The stand-in lives in this process only: de-duplication and locks then hold
    for a single development process, never across several.
    """
    if not url:
        import fakeredis

        log.info("redis: in-process stand-in (fakeredis); set REDIS_URL for a real server")
        return fakeredis.FakeRedis()

    # Short timeouts, because the callback must answer WeChat within 5 s even when Redis is slow.
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)
    log.info("redis: server at %s", _redacted(url))
    return client


def _redacted(url: str) -> str:
    """Drop the password from a Redis URL so that it can be logged."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
