"""A small client for WeChat web authorization (网页授权), with a base URL and a timeout on every call.

https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html

wechatpy's WeChatOAuth sends its requests without a timeout, so this client
uses requests directly. The flow: the browser visits the authorize URL on
open.weixin.qq.com, WeChat redirects back with ``code`` and ``state``, and the
server exchanges the code for an openid and a web access token (distinct from
the account's basic access token). A code can be exchanged once and expires
after 5 minutes. A second exchange returns errcode 40163.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests

from bot.config import WeChatSettings

log = logging.getLogger(__name__)

SNSAPI_BASE = "snsapi_base"
SNSAPI_USERINFO = "snsapi_userinfo"
SCOPES = (SNSAPI_BASE, SNSAPI_USERINFO)

CODE_BEEN_USED = 40163


class OAuthError(Exception):
    """WeChat returned an errcode, or could not be reached (then errcode is None)."""

    def __init__(self, errcode: int | None, errmsg: str) -> None:
        super().__init__(f"errcode={errcode} errmsg={errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg


@dataclass(frozen=True, slots=True)
class WebAccessToken:
    access_token: str
    openid: str
    scope: str

    @property
    def allows_userinfo(self) -> bool:
        return SNSAPI_USERINFO in self.scope.split(",")


@dataclass(frozen=True, slots=True)
class UserInfo:
    openid: str
    nickname: str
    headimgurl: str


class WeChatOAuthClient:
    def __init__(self, wechat: WeChatSettings) -> None:
        self.app_id = wechat.app_id
        self._secret = wechat.app_secret
        self.api_base_url = wechat.api_base_url
        self.open_base_url = wechat.open_base_url
        self.timeout = wechat.timeout_seconds
        self._http = requests.Session()

    def authorize_url(self, redirect_uri: str, scope: str, state: str) -> str:
        """Return the authorize page URL; WeChat requires the parameters in this order and the #wechat_redirect fragment."""
        query = urlencode(
            {"appid": self.app_id, "redirect_uri": redirect_uri, "response_type": "code", "scope": scope, "state": state}
        )
        return f"{self.open_base_url}/connect/oauth2/authorize?{query}#wechat_redirect"

    def fetch_access_token(self, code: str) -> WebAccessToken:
        """Exchange a code for the openid and a web access token."""
        result = self._get(
            "/sns/oauth2/access_token",
            {"appid": self.app_id, "secret": self._secret, "code": code, "grant_type": "authorization_code"},
        )
        return WebAccessToken(
            access_token=_text(result, "access_token"),
            openid=_text(result, "openid"),
            scope=str(result.get("scope", SNSAPI_BASE)),
        )

    def fetch_user_info(self, token: WebAccessToken) -> UserInfo:
        """Return the nickname and avatar; WeChat allows it only for snsapi_userinfo tokens."""
        result = self._get(
            "/sns/userinfo", {"access_token": token.access_token, "openid": token.openid, "lang": "zh_CN"}
        )
        return UserInfo(
            openid=_text(result, "openid"),
            nickname=str(result.get("nickname") or ""),
            headimgurl=str(result.get("headimgurl") or ""),
        )

    def _get(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        # The query carries the secret, the code and the token, so only the path is logged.
        try:
            response = self._http.get(f"{self.api_base_url}{path}", params=params, timeout=self.timeout)
            response.raise_for_status()
            result = response.json()
        except (requests.RequestException, ValueError) as error:
            log.warning("oauth: %s failed error=%s", path, type(error).__name__)
            raise OAuthError(None, type(error).__name__) from None

        if not isinstance(result, dict):
            raise OAuthError(None, "response is not a JSON object")
        if result.get("errcode"):
            log.warning("oauth: %s returned errcode=%s", path, result.get("errcode"))
            raise OAuthError(int(result["errcode"]), str(result.get("errmsg", "")))
        return result


def _text(result: dict[str, Any], key: str) -> str:
    value = result.get(key)
    if not isinstance(value, str) or not value:
        raise OAuthError(None, f"response lacks {key}")
    return value
