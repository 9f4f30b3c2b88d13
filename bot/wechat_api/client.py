"""ApiClient: wechatpy's WeChatClient with a shared token, bounded retries and timeouts.

wechatpy's own retry on a rejected token calls the same request again with no
limit, and it keeps the token in process memory; both are replaced here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import redis
import requests
from wechatpy.client import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session.redisstorage import RedisStorage

from bot.config import WeChatSettings
from bot.wechat_api import errors
from bot.wechat_api.tokens import TokenStore

log = logging.getLogger(__name__)


class ApiNetworkError(Exception):
    """WeChat could not be reached or answered with an HTTP error; safe to retry later."""

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(f"{endpoint}: {reason}")
        self.endpoint = endpoint
        self.reason = reason


class ApiClient(WeChatClient):
    """Call WeChat's API for one official account; every process shares the token in Redis."""

    def __init__(
        self,
        settings: WeChatSettings,
        client: redis.Redis,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            settings.app_id,
            settings.app_secret,
            # wechatpy keeps JS-API tickets and the like in this storage.
            session=RedisStorage(client, prefix="wechatpy"),
            timeout=settings.timeout_seconds,
            auto_retry=False,
        )
        self.settings = settings
        self.API_BASE_URL = f"{settings.api_base_url}/cgi-bin/"
        self.tokens = TokenStore(settings, client, self._http)
        self._sleep = sleep

    @property
    def access_token(self) -> str:
        return self.tokens.get()

    def fetch_access_token(self) -> dict:
        """Refresh the shared token (wechatpy calls this); return it as WeChat's JSON would."""
        return {"access_token": self.tokens.refresh(stale=None)}

    def _request(self, method, url_or_endpoint, **kwargs):
        """Send one API call, refreshing a rejected token once and waiting out busy answers.

        40001, 40014 and 42001 mean the token is bad: one refresh, one retry,
        never a loop. -1 and 45009 mean WeChat is busy: up to busy_retries
        more tries with a doubling wait. Other error codes are raised at once.
        """
        token_refreshed = False
        busy_retries = 0
        while True:
            token = self.access_token
            attempt = dict(kwargs, params={**(kwargs.get("params") or {}), "access_token": token})
            try:
                return self._send(method, url_or_endpoint, attempt)
            except WeChatClientException as error:
                code = error.errcode
                if code in errors.TOKEN_REJECTED and not token_refreshed:
                    log.warning("api: token rejected errcode=%s endpoint=%s, refreshing once", code, _endpoint(url_or_endpoint))
                    self.tokens.refresh(stale=token)
                    token_refreshed = True
                    continue
                if code in errors.BUSY and busy_retries < self.settings.busy_retries:
                    busy_retries += 1
                    delay = self.settings.retry_backoff_ms / 1000 * 2 ** (busy_retries - 1)
                    log.warning("api: busy errcode=%s endpoint=%s, retry %s in %.1f s", code, _endpoint(url_or_endpoint), busy_retries, delay)
                    self._sleep(delay)
                    continue
                self._log_refusal(error, url_or_endpoint)
                raise

    def _send(self, method, url_or_endpoint, kwargs):
        try:
            return super()._request(method, url_or_endpoint, **kwargs)
        except requests.RequestException as error:
            # requests puts the URL, access token included, into its messages.
            raise ApiNetworkError(_endpoint(url_or_endpoint), type(error).__name__) from None
        except WeChatClientException as error:
            if error.errcode is None:
                status = getattr(error.response, "status_code", "-")
                raise ApiNetworkError(_endpoint(url_or_endpoint), f"HTTP {status}") from None
            raise

    def _log_refusal(self, error: WeChatClientException, url_or_endpoint: str) -> None:
        if error.errcode == errors.IP_NOT_WHITELISTED:
            log.error(
                "api: WeChat rejected this server's IP (errcode 40164) endpoint=%s; add its outbound IP "
                "to the account's IP whitelist (公众平台 > 设置与开发 > 基本配置 > IP白名单)",
                _endpoint(url_or_endpoint),
            )
            return
        log.info("api: rejected errcode=%s errmsg=%s endpoint=%s", error.errcode, error.errmsg, _endpoint(url_or_endpoint))


def _endpoint(url_or_endpoint: str) -> str:
    """Return the API path without host or query, for log lines."""
    path = url_or_endpoint.split("?", 1)[0]
    return path.split("/cgi-bin/", 1)[-1]
