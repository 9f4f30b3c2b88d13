"""The one client every call to WeChat's API goes through, with its access token shared in Redis."""

from bot.wechat_api.client import ApiClient, ApiNetworkError
from bot.wechat_api.tokens import TokenStore, TokenUnavailable

__all__ = ["ApiClient", "ApiNetworkError", "TokenStore", "TokenUnavailable"]
