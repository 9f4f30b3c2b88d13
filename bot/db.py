"""Database engine, sessions and schema management."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.config import PROJECT_ROOT

log = logging.getLogger(__name__)

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"

# How long a statement waits for a row or database lock before it fails.
# Kept under WeChat's 5 s callback limit with room for the rest of the reply.
LOCK_WAIT_SECONDS = 3


def make_engine(url: str) -> Engine:
    """Create an engine for SQLite or MySQL with the settings each needs.

    hide_parameters keeps bound values (names, phones, openids) out of the
    text of database errors, which end up in logs.
    """
    parsed = make_url(url)

    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)

    if "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})

    # pool_pre_ping replaces connections MySQL closed after wait_timeout. A row
    # lock held elsewhere makes a statement fail after LOCK_WAIT_SECONDS, so a
    # callback still answers inside WeChat's 5 s; the read timeout bounds
    # anything else that hangs.
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_recycle=3600,
        hide_parameters=True,
        connect_args={
            "connect_timeout": 5,
            "read_timeout": 10,
            "write_timeout": 10,
            "init_command": f"SET SESSION innodb_lock_wait_timeout = {LOCK_WAIT_SECONDS}",
        },
    )


def _sqlite_engine(url: URL) -> Engine:
    database = url.database
    if database and database != ":memory:":
        # A relative file is taken from the project folder, not from wherever
        # the command happens to run.
        path = Path(database)
        if not path.is_absolute():
            path = PROJECT_ROOT / path
            url = url.set(database=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)

    engine = create_engine(url, hide_parameters=True, connect_args={"timeout": LOCK_WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _enable_foreign_keys(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session whose work is committed together, or rolled back on any error."""
    with factory() as session, session.begin():
        yield session


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    log.info("database schema upgraded to head backend=%s", engine.dialect.name)
