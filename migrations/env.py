"""Alembic environment: runs on the connection that bot.db.upgrade_schema passes in."""

from alembic import context
from sqlalchemy import create_engine

import models

target_metadata = models.Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return

    # Command-line use: `alembic -x url=... upgrade head`.
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the database URL: alembic -x url=sqlite:///instance/personal_center.db ...")
    with create_engine(url).connect() as connection:
        _run_on(connection)


def _run_on(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
