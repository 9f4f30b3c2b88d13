"""Settings sections for template notices, the back-office endpoint and menu replies.

Kept beside bot/config.py so that each section's rules sit with its fields.
Every field is a scalar, so each can be overridden by an environment variable
named SECTION_KEY (NOTICES_REMINDER_TEMPLATE_ID, BACKOFFICE_TOKEN, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Template ids the local fake WeChat API knows. Like the demo AppSecret, they
# are rejected as soon as site.base_url is public.
DEMO_TEMPLATE_IDS = {
    "appointment": "DemoTemplateAppointmentConfirmed000000000000",
    "review": "DemoTemplatePaymentReviewDecided00000000000",
    "mailed": "DemoTemplateMedicinalDietMailed000000000000",
    "reminder": "DemoTemplateVisitReminder000000000000000000",
    "report": "DemoTemplateReportCardPublished00000000000",
}

# The values each notice kind can fill, by our own name. The setting
# NOTICES_<KIND>_FIELDS maps them to the keywords of the account's template.
NOTICE_FIELDS = {
    "appointment": ("patient", "time", "hospital", "expert", "order_no", "status"),
    "review": ("patient", "result", "order_no", "reason", "next_step"),
    "mailed": ("goods", "courier", "tracking_no", "recipient"),
    "reminder": ("patient", "time", "hospital", "expert", "tel"),
    "report": ("title", "score", "time"),
}

# Template keywords are named TYPE plus a number, such as thing1 or time2;
# the type decides what WeChat accepts in the value.
# https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
KEYWORD_PATTERN = re.compile(
    r"(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)[0-9]{1,3}"
)

MENU_REPLY_MODES = ("text", "card", "both")
# Menu keys whose answer has a matching template; the others always answer text.
CARD_MENU_KEYS = ("my_appointments", "my_claims", "my_report")


@dataclass(frozen=True)
class NoticeSettings:
    appointment_template_id: str = DEMO_TEMPLATE_IDS["appointment"]
    appointment_fields: str = "patient=thing1,time=time2,hospital=thing3,expert=thing4,order_no=character_string5"
    review_template_id: str = DEMO_TEMPLATE_IDS["review"]
    review_fields: str = "patient=thing1,result=phrase2,order_no=character_string3,reason=thing4,next_step=thing5"
    mailed_template_id: str = DEMO_TEMPLATE_IDS["mailed"]
    mailed_fields: str = "goods=thing1,courier=thing2,tracking_no=character_string3"
    reminder_template_id: str = DEMO_TEMPLATE_IDS["reminder"]
    reminder_fields: str = "patient=thing1,time=time2,hospital=thing3,expert=thing4,tel=phone_number5"
    report_template_id: str = DEMO_TEMPLATE_IDS["report"]
    report_fields: str = "title=thing1,score=number2,time=time3"
    # A notice left "sending" longer than this by a worker that died is sent
    # again; WeChat drops the repeat because it carries the same client_msg_id.
    sending_lease_seconds: int = 60
    # A notice WeChat refused for a while (45009, busy, network) is retried by
    # the worker after retry_delay_seconds, then twice that, max_retries times.
    retry_delay_seconds: int = 60
    max_retries: int = 3

    def template_id(self, kind: str) -> str:
        return getattr(self, f"{kind}_template_id")

    def field_map(self, kind: str) -> dict[str, str]:
        """Return {our value name: template keyword} for kind, as configured."""
        return parse_field_map(getattr(self, f"{kind}_fields"))


@dataclass(frozen=True)
class BackofficeSettings:
    # Bearer token of the clinic's back-office system; empty disables /backoffice/.
    token: str = ""


@dataclass(frozen=True)
class MenuReplySettings:
    """How each menu key is answered: text (passive reply), card (template message) or both."""

    my_appointments: str = "text"
    my_visits: str = "text"
    my_claims: str = "text"
    my_report: str = "text"
    my_profile: str = "text"
    guide_tel: str = "text"
    help: str = "text"

    def mode(self, menu_key: str) -> str:
        return getattr(self, menu_key.lower(), "text")


def parse_field_map(raw: str) -> dict[str, str]:
    """Parse "patient=thing1,time=time2" into a dict; raise ValueError on a malformed pair."""
    pairs: dict[str, str] = {}
    for item in raw.split(","):
        name, separator, keyword = item.strip().partition("=")
        if not separator or not name.strip() or not keyword.strip():
            raise ValueError(f"{item.strip()!r} is not NAME=KEYWORD")
        pairs[name.strip()] = keyword.strip()
    return pairs


def validate_notices(notices: NoticeSettings, is_local: bool) -> None:
    for kind, names in NOTICE_FIELDS.items():
        _validate_template(notices, kind, names, is_local)

    # WeChat drops a repeated client_msg_id only within 10 minutes, so a notice
    # left "sending" must be picked up again well inside that window.
    if not 5 <= notices.sending_lease_seconds <= 300:
        _fail("notices.sending_lease_seconds must be between 5 and 300")
    if not notices.sending_lease_seconds <= notices.retry_delay_seconds <= 3600:
        _fail(
            "notices.retry_delay_seconds must be between notices.sending_lease_seconds and 3600, "
            "so that a retry never finds its notice still leased"
        )
    if not 0 <= notices.max_retries <= 10:
        _fail("notices.max_retries must be between 0 and 10")


def _validate_template(notices: NoticeSettings, kind: str, names: tuple[str, ...], is_local: bool) -> None:
    template_id = notices.template_id(kind)
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", template_id):
        _fail(f"notices.{kind}_template_id must be the template id from the WeChat admin page (模板消息 > 我的模板)")
    if not is_local and template_id == DEMO_TEMPLATE_IDS[kind]:
        _fail(f"notices.{kind}_template_id still has its demo value while site.base_url is public; set the real template id")

    try:
        field_map = notices.field_map(kind)
    except ValueError as error:
        _fail(f"notices.{kind}_fields: {error}; write NAME=KEYWORD pairs separated by commas")

    for name, keyword in field_map.items():
        if name not in names:
            _fail(f"notices.{kind}_fields names unknown value {name!r}; use some of {', '.join(names)}")
        if not KEYWORD_PATTERN.fullmatch(keyword):
            _fail(f"notices.{kind}_fields keyword {keyword!r} must be a template keyword such as thing1 or time2")
    if len(set(field_map.values())) != len(field_map):
        _fail(f"notices.{kind}_fields uses one keyword twice; give each value its own keyword")


def validate_backoffice(backoffice: BackofficeSettings) -> None:
    if backoffice.token and len(backoffice.token) < 32:
        _fail(
            "backoffice.token must be at least 32 characters or empty (endpoint off); "
            "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )


def validate_menu_reply(menu_reply: MenuReplySettings) -> None:
    for key in MenuReplySettings.__dataclass_fields__:
        mode = getattr(menu_reply, key)
        if mode not in MENU_REPLY_MODES:
            _fail(f"menu_reply.{key} must be text, card or both, got {mode!r}")
        if mode != "text" and key not in CARD_MENU_KEYS:
            _fail(f"menu_reply.{key} has no template card; use text (cards exist for {', '.join(CARD_MENU_KEYS)})")


def _fail(message: str) -> None:
    # Imported here because bot.config imports this module.
    from bot.config import ConfigError

    raise ConfigError(message)
