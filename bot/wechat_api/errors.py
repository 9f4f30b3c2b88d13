"""WeChat API error codes this service acts on.

Global return codes: https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
"""

SYSTEM_BUSY = -1
INVALID_CREDENTIAL = 40001  # the token is invalid or not the latest
INVALID_OPENID = 40003
INVALID_ACCESS_TOKEN = 40014
INVALID_TEMPLATE_ID = 40037
IP_NOT_WHITELISTED = 40164
ACCESS_TOKEN_EXPIRED = 42001
NOT_FOLLOWING = 43004
RATE_LIMITED = 45009
MENU_NOT_FOUND = 46003
INVALID_ARGUMENT = 47003

# The token is bad: fetch a fresh one once and retry the call once.
TOKEN_REJECTED = frozenset({INVALID_CREDENTIAL, INVALID_ACCESS_TOKEN, ACCESS_TOKEN_EXPIRED})

# WeChat is busy or the quota is spent for now: wait and try again, a bounded number of times.
BUSY = frozenset({SYSTEM_BUSY, RATE_LIMITED})
