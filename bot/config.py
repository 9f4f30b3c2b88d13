"""Settings: embedded defaults, then an optional TOML file, then environment variables.

Every setting lives in a section of the TOML file and can be overridden by an
environment variable named SECTION_KEY in upper case, for example
``[wechat] token`` by ``WECHAT_TOKEN`` and ``[database] url`` by ``DATABASE_URL``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import logging
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.settings_notices import (
    BackofficeSettings,
    MenuReplySettings,
    NoticeSettings,
    validate_backoffice,
    validate_menu_reply,
    validate_notices,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = PROJECT_ROOT / "config.toml"
CONFIG_FILE_VARIABLE = "PERSONAL_CENTER_CONFIG"

# Demo credentials let one process run with nothing configured. They are
# refused as soon as the base URL points anywhere but this machine.
DEMO_TOKEN = "demotoken2026"
DEMO_APP_ID = "wx0000000000demo0"
DEMO_APP_SECRET = "demo-app-secret-for-local-runs-only"
DEMO_AES_KEY = "UGVyc29uYWxDZW50ZXJEZW1vS2V5Rm9yTG9jYWxSdW4"
DEMO_SECRET_KEY = "demo-secret-key-for-local-runs-only"

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the key and the fix."""


@dataclass(frozen=True)
class WeChatSettings:
    token: str = DEMO_TOKEN
    app_id: str = DEMO_APP_ID
    app_secret: str = DEMO_APP_SECRET
    encoding_aes_key: str = DEMO_AES_KEY
    # WeChat's API and web-authorization hosts; point both at a local fake
    # WeChat API (127.0.0.1) for tests and demos.
    api_base_url: str = "https://api.weixin.qq.com"
    open_base_url: str = "https://open.weixin.qq.com"
    # Applies to every outbound call, the token fetch and web authorization included.
    timeout_seconds: int = 5
    # Callbacks whose signed timestamp is further than this from the server's
    # clock are rejected, so a copied signed URL cannot be replayed; 0 turns
    # the check off.
    signature_max_age_seconds: int = 300
    # Reject plaintext callbacks; set it once the admin page is in safe mode.
    require_safe_mode: bool = False
    # "stable" uses /cgi-bin/stable_token, whose normal mode never invalidates
    # a token other processes hold; "classic" uses /cgi-bin/token.
    access_token_mode: str = "stable"
    # Retries of a call WeChat answered with -1 (busy) or 45009 (rate limit),
    # waiting retry_backoff_ms, then twice that, and so on.
    busy_retries: int = 2
    retry_backoff_ms: int = 500


@dataclass(frozen=True)
class SiteSettings:
    base_url: str = "http://127.0.0.1:5000"
    booking_window_days: int = 30
    # Lifetime of the H5 login (the signed session cookie), in days.
    session_days: int = 7
    # A page that logs in as any patient without WeChat; only for local use.
    dev_login: bool = False


@dataclass(frozen=True)
class DatabaseSettings:
    # A relative SQLite path is taken from the project folder.
    url: str = "sqlite:///instance/personal_center.db"


@dataclass(frozen=True)
class RedisSettings:
    # Empty means the in-process stand-in, good for one development process only.
    url: str = ""


@dataclass(frozen=True)
class FlaskSettings:
    secret_key: str = DEMO_SECRET_KEY


@dataclass(frozen=True)
class LogSettings:
    level: str = "INFO"


@dataclass(frozen=True)
class Settings:
    wechat: WeChatSettings = field(default_factory=WeChatSettings)
    site: SiteSettings = field(default_factory=SiteSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    redis: RedisSettings = field(default_factory=RedisSettings)
    flask: FlaskSettings = field(default_factory=FlaskSettings)
    log: LogSettings = field(default_factory=LogSettings)
    notices: NoticeSettings = field(default_factory=NoticeSettings)
    backoffice: BackofficeSettings = field(default_factory=BackofficeSettings)
    menu_reply: MenuReplySettings = field(default_factory=MenuReplySettings)

    @property
    def is_local(self) -> bool:
        """True when the public base URL points at this machine."""
        return urlsplit(self.site.base_url).hostname in LOCAL_HOSTS


def load_settings(
    path: Path | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Build the settings from defaults, the TOML file and the environment, then validate them."""
    environ = dict(os.environ if environ is None else environ)
    path = _config_path(path, environ)

    values = _read_toml(path) if path else {}
    settings = _build(values, environ)

    validate(settings)
    return settings


def _config_path(path: Path | None, environ: dict[str, str]) -> Path | None:
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"config file {path} not found; pass an existing file or none")
        return path

    named = environ.get(CONFIG_FILE_VARIABLE)
    if named:
        if not Path(named).is_file():
            raise ConfigError(
                f"{CONFIG_FILE_VARIABLE}={named} does not name a file; fix the path or unset it"
            )
        return Path(named)

    return DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.is_file() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML ({error}); fix the syntax") from error


def _build(values: dict[str, Any], environ: dict[str, str]) -> Settings:
    sections = {}
    for section in dataclasses.fields(Settings):
        sections[section.name] = _build_section(
            section.name, _SECTION_TYPES[section.name], values, environ
        )

    unknown = set(values) - set(sections)
    if unknown:
        name = sorted(unknown)[0]
        raise ConfigError(f"unknown config section [{name}]; remove it or check the spelling")

    return Settings(**sections)


def _build_section(name: str, section_type: type, values: dict[str, Any], environ: dict[str, str]) -> Any:
    file_values = values.get(name, {})
    if not isinstance(file_values, dict):
        raise ConfigError(f"config key {name} must be a [{name}] section")

    known = {item.name: item for item in dataclasses.fields(section_type)}
    unknown = set(file_values) - set(known)
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown config key {name}.{key}; remove it or check the spelling")

    chosen: dict[str, Any] = {}
    for key, item in known.items():
        variable = f"{name}_{key}".upper()
        if variable in environ:
            chosen[key] = _coerce(f"{name}.{key} (from {variable})", item.default, environ[variable])
        elif key in file_values:
            chosen[key] = _check_type(f"{name}.{key}", item.default, file_values[key])

    return section_type(**chosen)


def _coerce(label: str, default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{label} must be true or false, got {raw!r}")

    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{label} must be a whole number, got {raw!r}") from None

    return raw


def _check_type(label: str, default: Any, value: Any) -> Any:
    expected = type(default)
    if expected is int and isinstance(value, bool):
        raise ConfigError(f"{label} must be a whole number, got {value!r}")
    if not isinstance(value, expected):
        raise ConfigError(f"{label} must be {_TYPE_NAMES[expected]}, got {value!r}")
    return value


_TYPE_NAMES = {bool: "true or false", int: "a whole number", str: "a quoted string"}

_SECTION_TYPES = {
    "wechat": WeChatSettings,
    "site": SiteSettings,
    "database": DatabaseSettings,
    "redis": RedisSettings,
    "flask": FlaskSettings,
    "log": LogSettings,
    "notices": NoticeSettings,
    "backoffice": BackofficeSettings,
    "menu_reply": MenuReplySettings,
}


def validate(settings: Settings) -> None:
    """Raise ConfigError for the first invalid setting, naming the key and the fix."""
    _validate_wechat(settings.wechat)
    _validate_site(settings.site)
    _validate_urls(settings)
    _validate_secrets(settings)
    _validate_dev_login(settings)
    validate_notices(settings.notices, settings.is_local)
    validate_backoffice(settings.backoffice)
    validate_menu_reply(settings.menu_reply)

    if settings.log.level.upper() not in logging.getLevelNamesMapping():
        raise ConfigError(
            f"log.level {settings.log.level!r} is not a logging level; use DEBUG, INFO, WARNING or ERROR"
        )


def _validate_wechat(wechat: WeChatSettings) -> None:
    # Token rules from the official account's server configuration page:
    # 3 to 32 letters or digits.
    if not re.fullmatch(r"[A-Za-z0-9]{3,32}", wechat.token):
        raise ConfigError("wechat.token must be 3 to 32 letters or digits, as set on the WeChat admin page")

    if not re.fullmatch(r"wx[0-9A-Za-z]{14,30}", wechat.app_id):
        raise ConfigError("wechat.app_id must be the AppID from the WeChat admin page, starting with 'wx'")

    if not wechat.app_secret:
        raise ConfigError("wechat.app_secret is missing; copy the AppSecret from the WeChat admin page")

    for key in ("api_base_url", "open_base_url"):
        value = getattr(wechat, key)
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname or value.endswith("/"):
            raise ConfigError(f"wechat.{key} {value!r} must be an http(s) URL without a trailing slash")

    if not 1 <= wechat.timeout_seconds <= 30:
        raise ConfigError("wechat.timeout_seconds must be between 1 and 30")

    if wechat.signature_max_age_seconds != 0 and not 30 <= wechat.signature_max_age_seconds <= 86400:
        raise ConfigError("wechat.signature_max_age_seconds must be 0 (off) or between 30 and 86400")

    if wechat.access_token_mode not in {"stable", "classic"}:
        raise ConfigError("wechat.access_token_mode must be stable (recommended) or classic")
    if not 0 <= wechat.busy_retries <= 5:
        raise ConfigError("wechat.busy_retries must be between 0 and 5")
    if not 0 <= wechat.retry_backoff_ms <= 10_000:
        raise ConfigError("wechat.retry_backoff_ms must be between 0 and 10000")

    if not _is_aes_key(wechat.encoding_aes_key):
        raise ConfigError(
            "wechat.encoding_aes_key must be the 43-character EncodingAESKey from the WeChat admin page"
        )


def _is_aes_key(key: str) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9+/]{43}", key):
        return False
    try:
        return len(base64.b64decode(key + "=")) == 32
    except binascii.Error:
        return False


def _validate_site(site: SiteSettings) -> None:
    parts = urlsplit(site.base_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(
            f"site.base_url {site.base_url!r} must be an absolute http(s) URL such as https://wx.example.com"
        )
    if parts.query or parts.fragment or site.base_url.endswith("/"):
        raise ConfigError("site.base_url must have no query, fragment or trailing slash")

    if not 1 <= site.booking_window_days <= 365:
        raise ConfigError("site.booking_window_days must be between 1 and 365")

    if not 1 <= site.session_days <= 90:
        raise ConfigError("site.session_days must be between 1 and 90")


def _validate_urls(settings: Settings) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(settings.database.url)
    except ArgumentError:
        raise ConfigError(
            "database.url is not a database URL; use mysql+pymysql://user:password@host/db?charset=utf8mb4 or sqlite:///path"
        ) from None
    if url.get_backend_name() not in {"sqlite", "mysql", "mariadb"}:
        raise ConfigError("database.url must name sqlite or mysql+pymysql")

    redis_url = settings.redis.url
    if redis_url and urlsplit(redis_url).scheme not in {"redis", "rediss", "unix"}:
        raise ConfigError("redis.url must start with redis://, rediss:// or unix://, or be empty for the in-process stand-in")


def _validate_secrets(settings: Settings) -> None:
    if settings.is_local:
        return

    demo_values = {
        "wechat.token": (settings.wechat.token, DEMO_TOKEN),
        "wechat.app_id": (settings.wechat.app_id, DEMO_APP_ID),
        "wechat.app_secret": (settings.wechat.app_secret, DEMO_APP_SECRET),
        "wechat.encoding_aes_key": (settings.wechat.encoding_aes_key, DEMO_AES_KEY),
        "flask.secret_key": (settings.flask.secret_key, DEMO_SECRET_KEY),
    }
    for key, (value, demo) in demo_values.items():
        if value == demo:
            raise ConfigError(
                f"{key} still has its demo value while site.base_url is public; set the real value"
            )

    if len(settings.flask.secret_key) < 32:
        raise ConfigError("flask.secret_key must be at least 32 characters; generate one with `python -c 'import secrets; print(secrets.token_hex(32))'`")


def _validate_dev_login(settings: Settings) -> None:
    # The dev login lets anyone pick any patient, so it must never face the internet.
    if settings.site.dev_login and not settings.is_local:
        raise ConfigError(
            "site.dev_login lets anyone log in as any patient and is allowed only while "
            "site.base_url is http://127.0.0.1 or localhost; set site.dev_login = false"
        )
