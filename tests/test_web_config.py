"""Settings of the web surfaces: the dev login only on a local site, the login lifetime."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings

PUBLIC_SECRETS = {
    "WECHAT_TOKEN": "realtoken2026",
    "WECHAT_APP_ID": "wx1234567890abcdef",
    "WECHAT_APP_SECRET": "a-real-app-secret",
    "WECHAT_ENCODING_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    "FLASK_SECRET_KEY": "x" * 40,
}


def test_dev_login_refused_with_public_base_url(tmp_path):
    environ = {**PUBLIC_SECRETS, "SITE_BASE_URL": "https://wx.example.com", "SITE_DEV_LOGIN": "true"}

    with pytest.raises(ConfigError, match=r"site\.dev_login .* set site\.dev_login = false"):
        load_settings(environ=environ)


def test_dev_login_allowed_locally():
    settings = load_settings(environ={"SITE_BASE_URL": "http://127.0.0.1:5000", "SITE_DEV_LOGIN": "1"})

    assert settings.site.dev_login is True


def test_dev_login_off_by_default():
    settings = load_settings(environ={})

    assert settings.site.dev_login is False
    assert settings.site.session_days == 7


@pytest.mark.parametrize("days", ["0", "91"])
def test_session_days_range(days):
    with pytest.raises(ConfigError, match=r"site\.session_days must be between 1 and 90"):
        load_settings(environ={"SITE_SESSION_DAYS": days})


def test_dev_login_page_absent_when_off(app):
    client = app.test_client()

    assert client.get("/h5/dev-login").status_code == 404
    entry = client.get("/h5/auth?next=/h5/")
    assert "/connect/oauth2/authorize?" in entry.location
