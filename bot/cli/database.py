"""`init-db`: create or upgrade the schema, optionally with demo data."""

from __future__ import annotations

import argparse

from bot.config import Settings
from bot.db import make_engine, make_session_factory, transaction, upgrade_schema


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("init-db", help="create or upgrade the database schema")
    parser.add_argument("--demo", action="store_true", help="also load the demo patients (skipped when already loaded)")
    parser.set_defaults(run=run)


def run(settings: Settings, arguments: argparse.Namespace) -> int:
    from bot.demo import DEMO_PATIENTS, load_demo_data

    engine = make_engine(settings.database.url)
    upgrade_schema(engine)
    print(f"数据库已就绪：{engine.url.render_as_string(hide_password=True)}")

    if arguments.demo:
        with transaction(make_session_factory(engine)) as session:
            loaded = load_demo_data(session)
        print("已载入演示数据：" if loaded else "演示数据已存在，未重复载入。演示患者：")
        for openid, summary in DEMO_PATIENTS.items():
            print(f"  {openid}  {summary}")

    engine.dispose()
    return 0
