"""The access token, cached in Redis and refreshed by one process at a time.

Access token rules:
https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html

A token lives up to 7200 s. Fetching one from /cgi-bin/token invalidates the
previous token 5 minutes later, so processes that each fetch their own break
each other. /cgi-bin/stable_token in normal mode returns the same token while
it is valid and a new one during its last 5 minutes, with both usable then.
Here every process reads the token from Redis; whoever finds it missing or in
its last 5 minutes takes a Redis lock, checks again, and fetches once for all.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import redis
import requests
from redis.exceptions import LockError

from bot.config import WeChatSettings
from bot.wechat_api import errors

log = logging.getLogger(__name__)

# Refresh this long before expiry: stable_token hands out the next token then,
# and a classic token fetched now leaves the old one 5 more minutes of use.
REFRESH_AHEAD_SECONDS = 300
# A cached token this close to expiry is not handed out at all.
MIN_REMAINING_SECONDS = 30


class TokenUnavailable(Exception):
    """No valid access token could be had; the message says why, without secrets."""

    def __init__(self, message: str, errcode: int | None = None) -> None:
        super().__init__(message)
        self.errcode = errcode


@dataclass(frozen=True)
class CachedToken:
    value: str
    expires_at: float

    def remaining(self, now: float) -> float:
        return self.expires_at - now


class TokenStore:
    """Read, share and refresh the account's access token through Redis."""

    def __init__(self, settings: WeChatSettings, client: redis.Redis, http: requests.Session) -> None:
        self.settings = settings
        self.redis = client
        self.http = http
        self.key = f"wechat:access_token:{settings.app_id}"
        self.lock_key = f"{self.key}:lock"

    def get(self) -> str:
        """Return a valid token, refreshing it first when it is missing or in its last 5 minutes."""
        cached = self._read()
        now = time.time()
        if cached and cached.remaining(now) > REFRESH_AHEAD_SECONDS:
            return cached.value
        return self.refresh(stale=cached.value if cached else None)

    def refresh(self, stale: str | None) -> str:
        """Fetch a new token unless another process already replaced stale; return the current one.

        stale is the token the caller found too old or WeChat rejected (None when
        the cache was empty). Only the holder of the Redis lock fetches.
        """
        lock = self.redis.lock(
            self.lock_key,
            # A holder that dies frees the lock after one fetch's worth of time.
            timeout=self.settings.timeout_seconds * 2 + 5,
            blocking_timeout=self.settings.timeout_seconds + 2,
        )
        try:
            acquired = lock.acquire()
        except LockError:
            acquired = False

        if not acquired:
            return self._wait_for_other(stale)

        try:
            cached = self._read()
            if cached and cached.value != stale and cached.remaining(time.time()) > MIN_REMAINING_SECONDS:
                return cached.value
            return self._fetch_and_store()
        finally:
            try:
                lock.release()
            except LockError:
                log.warning("token: lock expired before release app_id=%s", self.settings.app_id)

    def _wait_for_other(self, stale: str | None) -> str:
        """Another process held the lock for too long: use what the cache has, if anything."""
        cached = self._read()
        if cached and cached.remaining(time.time()) > MIN_REMAINING_SECONDS:
            if cached.value == stale:
                log.warning("token: refresh lock busy, using the old token app_id=%s", self.settings.app_id)
            return cached.value
        raise TokenUnavailable("access token refresh lock busy and no cached token; retry later")

    def _fetch_and_store(self) -> str:
        result = self._fetch()
        expires_in = int(result.get("expires_in") or 7200)
        token = CachedToken(value=result["access_token"], expires_at=time.time() + expires_in)

        self.redis.set(self.key, json.dumps({"value": token.value, "expires_at": token.expires_at}), ex=expires_in)
        log.info(
            "token: fetched mode=%s expires_in=%s app_id=%s",
            self.settings.access_token_mode,
            expires_in,
            self.settings.app_id,
        )
        return token.value

    def _fetch(self) -> dict:
        base = self.settings.api_base_url
        timeout = self.settings.timeout_seconds
        try:
            if self.settings.access_token_mode == "classic":
                response = self.http.get(
                    f"{base}/cgi-bin/token",
                    params={"grant_type": "client_credential", "appid": self.settings.app_id, "secret": self.settings.app_secret},
                    timeout=timeout,
                )
            else:
                response = self.http.post(
                    f"{base}/cgi-bin/stable_token",
                    json={
                        "grant_type": "client_credential",
                        "appid": self.settings.app_id,
                        "secret": self.settings.app_secret,
                        "force_refresh": False,
                    },
                    timeout=timeout,
                )
            response.raise_for_status()
            result = response.json()
        except (requests.RequestException, ValueError) as error:
            # The exception text can carry the request URL, whose query contains
            # the AppSecret in classic mode, so only its type is logged.
            log.error("token: fetch failed error=%s app_id=%s", type(error).__name__, self.settings.app_id)
            raise TokenUnavailable(f"access token fetch failed ({type(error).__name__})") from None

        return self._check(result)

    def _check(self, result: dict) -> dict:
        errcode = int(result.get("errcode") or 0)
        if errcode == errors.IP_NOT_WHITELISTED:
            log.error(
                "token: WeChat rejected this server's IP (errcode 40164); add its outbound IP to the "
                "account's IP whitelist (公众平台 > 设置与开发 > 基本配置 > IP白名单) app_id=%s",
                self.settings.app_id,
            )
        if errcode or "access_token" not in result:
            log.error("token: fetch rejected errcode=%s errmsg=%s app_id=%s", errcode, result.get("errmsg"), self.settings.app_id)
            raise TokenUnavailable(f"access token fetch rejected (errcode {errcode})", errcode=errcode)
        return result

    def _read(self) -> CachedToken | None:
        raw = self.redis.get(self.key)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return CachedToken(value=data["value"], expires_at=float(data["expires_at"]))
        except (ValueError, KeyError, TypeError):
            log.warning("token: unreadable cache entry dropped app_id=%s", self.settings.app_id)
            return None
