"""Functions run in separate processes by the tests (importable, so that spawn can start them)."""

from __future__ import annotations

import redis

from bot.config import WeChatSettings
from bot.wechat_api import ApiClient


def read_token(settings: WeChatSettings, redis_url: str, barrier, results) -> None:
    """Wait for every sibling process, then ask the shared client for the token."""
    client = ApiClient(settings, redis.Redis.from_url(redis_url))
    barrier.wait(timeout=30)
    results.put(client.access_token)
