"""WSGI entry point for servers other than `run.py serve`, e.g. `gunicorn bot.wsgi:app`."""

from bot.app import create_app
from bot.config import load_settings
from bot.logs import configure_logging

_settings = load_settings()
configure_logging(_settings.log.level)
app = create_app(_settings)
