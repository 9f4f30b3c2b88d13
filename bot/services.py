"""The long-lived objects one process shares: settings, database, Redis, crypto, router."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from wechatpy.crypto import WeChatCrypto

from bot.cache import connect_redis
from bot.config import Settings
from bot.db import make_engine, make_session_factory
from bot.dedup import Deduplicator
from bot.links import Links
from bot.router import Router
from bot.wechat_api import ApiClient

EXTENSION_KEY = "personal_center"


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    redis: redis.Redis
    crypto: WeChatCrypto
    links: Links
    router: Router
    dedup: Deduplicator
    # Every call to WeChat's API goes through this client (token shared in Redis).
    api: ApiClient

    @classmethod
    def build(cls, settings: Settings, router: Router | None = None) -> Services:
        if router is None:
            from handlers import router as default_router

            router = default_router

        engine = make_engine(settings.database.url)
        client = connect_redis(settings.redis.url)
        wechat = settings.wechat
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_session_factory(engine),
            redis=client,
            crypto=WeChatCrypto(wechat.token, wechat.encoding_aes_key, wechat.app_id),
            links=Links(settings.site.base_url),
            router=router,
            dedup=Deduplicator(client),
            api=ApiClient(wechat, client),
        )


def services(app: Flask | None = None) -> Services:
    """Return the Services of app, or of the current Flask app."""
    return (app or current_app).extensions[EXTENSION_KEY]
