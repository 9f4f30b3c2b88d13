import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEMO_TOKEN, PROJECT_ROOT, ConfigError, load_settings

VALID_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file():
    settings = load_settings(environ={})

    assert settings.wechat.token == DEMO_TOKEN
    assert settings.database.url.startswith("sqlite:///")
    assert settings.redis.url == ""
    assert settings.is_local


def test_file_values_are_read(tmp_path):
    path = write_config(tmp_path, '[wechat]\ntoken = "filetoken"\n[log]\nlevel = "DEBUG"\n')

    settings = load_settings(path, environ={})

    assert settings.wechat.token == "filetoken"
    assert settings.log.level == "DEBUG"


def test_environment_overrides_file(tmp_path):
    path = write_config(tmp_path, '[wechat]\ntoken = "filetoken"\n')
    environ = {
        "WECHAT_TOKEN": "envtoken",
        "DATABASE_URL": "mysql+pymysql://app:secret@127.0.0.1/pc",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SITE_BOOKING_WINDOW_DAYS": "14",
    }

    settings = load_settings(path, environ=environ)

    assert settings.wechat.token == "envtoken"
    assert settings.database.url == "mysql+pymysql://app:secret@127.0.0.1/pc"
    assert settings.redis.url == "redis://127.0.0.1:6379/0"
    assert settings.site.booking_window_days == 14


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"WECHAT_TOKEN": "a b"}, "wechat.token"),
        ({"WECHAT_APP_ID": "app123"}, "wechat.app_id"),
        ({"WECHAT_APP_SECRET": ""}, "wechat.app_secret"),
        ({"WECHAT_ENCODING_AES_KEY": "short"}, "wechat.encoding_aes_key"),
        ({"WECHAT_API_BASE_URL": "ftp://api"}, "wechat.api_base_url"),
        ({"WECHAT_TIMEOUT_SECONDS": "0"}, "wechat.timeout_seconds"),
        ({"WECHAT_TIMEOUT_SECONDS": "five"}, "wechat.timeout_seconds"),
        ({"SITE_BASE_URL": "wx.example.com"}, "site.base_url"),
        ({"SITE_BASE_URL": "https://wx.example.com/"}, "site.base_url"),
        ({"SITE_BOOKING_WINDOW_DAYS": "0"}, "site.booking_window_days"),
        ({"DATABASE_URL": "not a url"}, "database.url"),
        ({"DATABASE_URL": "postgresql://db/pc"}, "database.url"),
        ({"REDIS_URL": "http://127.0.0.1"}, "redis.url"),
        ({"LOG_LEVEL": "LOUD"}, "log.level"),
    ],
)
def test_invalid_setting_names_key(environ, message):
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_settings(environ=environ)


def test_public_base_url_rejects_demo_secrets():
    with pytest.raises(ConfigError, match=r"wechat\.token still has its demo value"):
        load_settings(environ={"SITE_BASE_URL": "https://wx.example.com"})


def test_public_base_url_with_real_secrets(tmp_path):
    environ = {
        "SITE_BASE_URL": "https://wx.example.com",
        "WECHAT_TOKEN": "realtoken42",
        "WECHAT_APP_ID": "wx1234567890abcdef",
        "WECHAT_APP_SECRET": "0123456789abcdef0123456789abcdef",
        "WECHAT_ENCODING_AES_KEY": VALID_AES_KEY,
        "FLASK_SECRET_KEY": "k" * 40,
        **{f"NOTICES_{kind.upper()}_TEMPLATE_ID": f"RealTemplate{kind}" for kind in ("appointment", "review", "mailed", "reminder", "report")},
    }

    settings = load_settings(environ=environ)

    assert not settings.is_local


def test_unknown_key_in_file(tmp_path):
    path = write_config(tmp_path, '[wechat]\ntokn = "x"\n')

    with pytest.raises(ConfigError, match=r"unknown config key wechat\.tokn"):
        load_settings(path, environ={})


def test_wrong_type_in_file(tmp_path):
    path = write_config(tmp_path, "[site]\nbooking_window_days = \"thirty\"\n")

    with pytest.raises(ConfigError, match=r"site\.booking_window_days must be a whole number"):
        load_settings(path, environ={})


def test_broken_toml(tmp_path):
    path = write_config(tmp_path, "[wechat\n")

    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, environ={})


def test_cli_stops_with_one_line(tmp_path):
    environ = {"PATH": "/usr/bin:/bin", "WECHAT_ENCODING_AES_KEY": "short"}

    result = subprocess.run(
        [sys.executable, "run.py", "init-db"],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "config error: wechat.encoding_aes_key must be the 43-character EncodingAESKey from the WeChat admin page"
    ]


def test_example_file_documents_every_setting():
    import dataclasses

    example = PROJECT_ROOT / "config.example.toml"
    text = example.read_text(encoding="utf-8")

    settings = load_settings(example, environ={})

    assert settings == load_settings(environ={})
    for section in dataclasses.fields(settings):
        for key in dataclasses.fields(getattr(settings, section.name)):
            variable = f"{section.name}_{key.name}".upper()
            assert f"\n{key.name} = " in text, key.name
            assert f"# {variable}" in text, variable
