"""De-duplicate WeChat's retries so that a retried message is acted on once.

WeChat waits 5 s for an answer and then sends the same message again, 3 tries
in all (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html).
The first try claims the message's key in Redis; when it finishes it stores
the reply there, and a retry gets that stored reply instead of a second run.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import redis
from wechatpy.messages import BaseMessage

log = logging.getLogger(__name__)

PENDING = b"\x00pending"
# Three tries span about 15 s; keep the key a little longer than that.
KEY_TTL_SECONDS = 60
# How long a retry waits for a first try that is still running.
WAIT_SECONDS = 3.0
POLL_SECONDS = 0.05


def message_key(message: BaseMessage) -> str:
    """Return the retry key: MsgId for messages, sender+time+event+key for events."""
    if message.id:
        raw = f"msg:{message.id}"
    else:
        event = getattr(message, "event", "")
        key = getattr(message, "key", "") or ""
        raw = f"event:{message.source}:{message.time}:{event}:{key}"

    # Hashed so that the key carries no openid in clear text.
    return "wechat:dedup:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


@dataclass
class Claim:
    """The outcome of claiming a message: run it, or replay the stored reply."""

    key: str
    owned: bool
    reply: bytes | None = None


class Deduplicator:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def claim(self, key: str) -> Claim:
        """Claim key for this try; a retry gets the first try's reply, waiting for it briefly.

        A retry that finds no reply after WAIT_SECONDS gets no reply to replay
        (the caller answers `success`), because the first try is still acting on
        the message and running it again could act twice.
        """
        deadline = time.monotonic() + WAIT_SECONDS
        try:
            while True:
                if self.client.set(key, PENDING, nx=True, ex=KEY_TTL_SECONDS):
                    return Claim(key, owned=True)

                value = self.client.get(key)
                if value is not None and value != PENDING:
                    return Claim(key, owned=False, reply=value)
                if time.monotonic() >= deadline:
                    log.warning("dedup: first try still running, returning success key=%s", key)
                    return Claim(key, owned=False)

                time.sleep(POLL_SECONDS)
        except redis.RedisError as error:
            # Handling twice beats not replying at all, because the patient still gets a reply.
            log.error("dedup: redis unavailable, handling without de-duplication key=%s error=%s", key, error)
            return Claim(key, owned=True)

    def store(self, claim: Claim, reply: bytes) -> None:
        if not claim.owned:
            return
        try:
            self.client.set(claim.key, reply, ex=KEY_TTL_SECONDS)
        except redis.RedisError as error:
            log.error("dedup: could not store reply key=%s error=%s", claim.key, error)
