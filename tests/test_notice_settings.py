"""Settings of notices, the back office, menu replies and the API client: env overrides and validation messages."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings

PUBLIC = {"SITE_BASE_URL": "https://wx.example.com"}


def test_each_notice_setting_has_an_env_variable():
    settings = load_settings(
        environ={
            "NOTICES_REMINDER_TEMPLATE_ID": "RealReminderTemplate0123456789",
            "NOTICES_REMINDER_FIELDS": "patient=thing7,time=time8",
            "BACKOFFICE_TOKEN": "t" * 32,
            "MENU_REPLY_MY_REPORT": "both",
            "WECHAT_ACCESS_TOKEN_MODE": "classic",
        }
    )

    assert settings.notices.template_id("reminder") == "RealReminderTemplate0123456789"
    assert settings.notices.field_map("reminder") == {"patient": "thing7", "time": "time8"}
    assert settings.backoffice.token == "t" * 32
    assert settings.menu_reply.mode("MY_REPORT") == "both"
    assert settings.wechat.access_token_mode == "classic"


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"NOTICES_REMINDER_FIELDS": "patient"}, "is not NAME=KEYWORD"),
        ({"NOTICES_REMINDER_FIELDS": "weather=thing1"}, "unknown value 'weather'"),
        ({"NOTICES_REMINDER_FIELDS": "patient=colour1"}, "must be a template keyword such as thing1"),
        ({"NOTICES_REMINDER_FIELDS": "patient=thing1,hospital=thing1"}, "uses one keyword twice"),
        ({"NOTICES_REPORT_TEMPLATE_ID": "bad id!"}, "notices.report_template_id must be the template id"),
        ({"NOTICES_SENDING_LEASE_SECONDS": "1"}, "notices.sending_lease_seconds must be between 5 and 300"),
        ({"NOTICES_SENDING_LEASE_SECONDS": "900"}, "notices.sending_lease_seconds must be between 5 and 300"),
        ({"NOTICES_RETRY_DELAY_SECONDS": "10"}, "notices.retry_delay_seconds must be between notices.sending_lease_seconds and 3600"),
        ({"NOTICES_MAX_RETRIES": "many"}, "must be a whole number"),
        ({"BACKOFFICE_TOKEN": "short"}, "backoffice.token must be at least 32 characters"),
        ({"MENU_REPLY_MY_REPORT": "voice"}, "menu_reply.my_report must be text, card or both"),
        ({"MENU_REPLY_HELP": "card"}, "menu_reply.help has no template card"),
        ({"WECHAT_ACCESS_TOKEN_MODE": "fast"}, "wechat.access_token_mode must be stable"),
        ({"WECHAT_BUSY_RETRIES": "9"}, "wechat.busy_retries must be between 0 and 5"),
    ],
)
def test_invalid_setting_names_key_and_fix(environ, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=environ)


def test_demo_template_rejected_on_public_site():
    environ = {
        **PUBLIC,
        "WECHAT_TOKEN": "realtoken123",
        "WECHAT_APP_ID": "wx1234567890abcdef",
        "WECHAT_APP_SECRET": "real-secret",
        "WECHAT_ENCODING_AES_KEY": "QWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY",
        "FLASK_SECRET_KEY": "k" * 40,
    }

    with pytest.raises(ConfigError, match="notices.appointment_template_id still has its demo value"):
        load_settings(environ=environ)
