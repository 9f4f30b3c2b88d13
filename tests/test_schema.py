"""The migrated schema matches the models, and text round-trips as utf8mb4."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from bot.db import make_engine, transaction, upgrade_schema
from models import Base, Register, WeChatUser

EMOJI_NAME = "🌸小美👶🏻"


def test_migrations_match_models_on_mysql(mysql_services):
    with mysql_services.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_migrations_match_models_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    upgrade_schema(engine)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()

    assert differences == []


def test_emoji_round_trip(any_services):
    with transaction(any_services.sessions) as session:
        user = WeChatUser(openid="oEmojiAbcdefghijkl0123456789", nickname=EMOJI_NAME)
        session.add(user)
        session.flush()
        session.add(Register(reg_sn="E1", user_id=user.id, name=EMOJI_NAME, status=2, bespeak_time=1900000000))

    with any_services.sessions() as session:
        nickname = session.scalar(select(WeChatUser.nickname).where(WeChatUser.openid == "oEmojiAbcdefghijkl0123456789"))
        name = session.scalar(select(Register.name).where(Register.reg_sn == "E1"))

    assert nickname == EMOJI_NAME
    assert name == EMOJI_NAME


def test_mysql_tables_are_utf8mb4(mysql_services):
    with mysql_services.engine.connect() as connection:
        collations = connection.exec_driver_sql(
            "SELECT table_name, table_collation FROM information_schema.tables WHERE table_schema = DATABASE()"
        ).all()

    mtd_tables = {name: collation for name, collation in collations if name.startswith("mtd_")}
    assert len(mtd_tables) == 9
    assert set(mtd_tables.values()) == {"utf8mb4_unicode_ci"}


def test_database_errors_hide_patient_values(any_services):
    from sqlalchemy.exc import IntegrityError

    with transaction(any_services.sessions) as session:
        user = WeChatUser(openid="oHiddenValueAbcdefghij012345", nickname="")
        session.add(user)
        session.flush()
        user_id = user.id
        session.add(Register(reg_sn="DUP1", user_id=user_id, name="隐私姓名甲", status=2, bespeak_time=1900000000))

    try:
        with transaction(any_services.sessions) as session:
            session.add(Register(reg_sn="DUP1", user_id=user_id, name="隐私姓名乙", status=2, bespeak_time=1900000000))
    except IntegrityError as error:
        text = str(error)
    else:
        raise AssertionError("a duplicate reg_sn was accepted")

    assert "隐私姓名乙" not in text
    assert "parameters hidden" in text


def test_log_lines_mask_openids():
    import logging

    from bot.logs import RedactingFormatter

    openid = "oHiddenValueAbcdefghij012345"
    try:
        raise ValueError(f"(1062, \"Duplicate entry '{openid}' for key 'uq_mtd_wechar_user_openid'\")")
    except ValueError:
        import sys

        record = logging.LogRecord("test", logging.ERROR, __file__, 1, "failed user=%s", (openid,), sys.exc_info())

    line = RedactingFormatter("%(message)s").format(record)

    assert openid not in line
    assert "oHi***2345" in line
    assert "Duplicate entry" in line


def test_lock_wait_fails_inside_callback_budget(mysql_services):
    import time

    from sqlalchemy import update
    from sqlalchemy.exc import OperationalError

    openid = "oLockedRowAbcdefghij01234567"
    with transaction(mysql_services.sessions) as session:
        session.add(WeChatUser(openid=openid, nickname=""))

    holder = mysql_services.sessions()
    holder.execute(update(WeChatUser).where(WeChatUser.openid == openid).values(subscribe=1))

    started = time.monotonic()
    try:
        with transaction(mysql_services.sessions) as session:
            session.execute(update(WeChatUser).where(WeChatUser.openid == openid).values(subscribe=0))
    except OperationalError as error:
        waited = time.monotonic() - started
        code = error.orig.args[0]
    else:
        raise AssertionError("the locked row was updated")
    finally:
        holder.rollback()
        holder.close()

    assert code == 1205
    assert waited < 4.5
