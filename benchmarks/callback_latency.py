"""Measure how fast /wechat answers, against real MariaDB and Redis servers.

Usage: .venv/bin/python -m benchmarks.callback_latency [--requests 400] [--concurrency 8]

It starts throwaway MariaDB and Redis servers (tests/servers.py), loads the
demo patients plus one patient with 200 appointments, serves the app with
waitress on 127.0.0.1, and posts signed callbacks from client threads.
WeChat gives up after 5 s, so the number that matters is the slowest reply.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from waitress.server import create_server

from bot.app import create_app
from bot.config import DatabaseSettings, RedisSettings, Settings
from bot.db import make_engine, transaction, upgrade_schema
from bot.demo import PATIENT_WITH_EVERYTHING, load_demo_data
from bot.services import Services
from bot.simulator import Simulator, make_click, make_text
from models import AppointmentStatus, Expert, Guide, Hospital, Register, WeChatUser
from sqlalchemy import select
from tests.servers import MariaDBServer, RedisServer

HEAVY_PATIENT = "oBenchHeavyPatient0000000001"


def add_heavy_patient(app_services: Services, appointments: int) -> None:
    with transaction(app_services.sessions) as session:
        hospital = session.scalars(select(Hospital)).first()
        expert = session.scalars(select(Expert)).first()
        guide = session.scalars(select(Guide)).first()
        user = WeChatUser(openid=HEAVY_PATIENT, nickname="压测", subscribe=1)
        session.add(user)
        session.flush()
        for number in range(appointments):
            session.add(
                Register(
                    reg_sn=f"BENCH{number:06d}",
                    user_id=user.id,
                    name="压测患者",
                    status=AppointmentStatus.UNPAID,
                    hospital_id=hospital.id,
                    expert_id=expert.id,
                    guide_id=guide.id,
                    bespeak_time=1900000000 + number,
                )
            )


def post(url: str, simulator: Simulator, xml: str, safe: bool) -> float:
    signed = simulator.request(xml, safe=safe)
    started = time.perf_counter()
    response = requests.post(url, params=signed.params, data=signed.body.encode(), timeout=10)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or "success" == response.text:
        raise RuntimeError(f"unexpected response status={response.status_code}")
    return elapsed


def measure(label: str, url: str, simulator: Simulator, make, count: int, concurrency: int, safe: bool) -> None:
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        timings = sorted(pool.map(lambda n: post(url, simulator, make(n), safe), range(count)))

    def percentile(share: float) -> float:
        return timings[min(len(timings) - 1, int(share * len(timings)))] * 1000

    print(
        f"| {label} | {count} | {concurrency} | {statistics.median(timings) * 1000:.1f} | "
        f"{percentile(0.95):.1f} | {percentile(0.99):.1f} | {timings[-1] * 1000:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per scenario (default 400)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    arguments = parser.parse_args()

    with MariaDBServer() as database, RedisServer() as cache:
        engine = make_engine(database.url)
        upgrade_schema(engine)
        engine.dispose()

        settings = dataclasses.replace(Settings(), database=DatabaseSettings(url=database.url), redis=RedisSettings(url=cache.url))
        app_services = Services.build(settings)
        with transaction(app_services.sessions) as session:
            load_demo_data(session)
        add_heavy_patient(app_services, 200)

        server = create_server(create_app(services=app_services), host="127.0.0.1", port=0, threads=8)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.effective_port}/wechat"
        simulator = Simulator(settings.wechat)

        print("| scenario | requests | client threads | p50 ms | p95 ms | p99 ms | max ms |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        count, concurrency = arguments.requests, arguments.concurrency
        measure("keyword 我的预约, plaintext", url, simulator, lambda n: make_text(PATIENT_WITH_EVERYTHING, "我的预约"), count, concurrency, False)
        measure("keyword 我的预约, safe mode", url, simulator, lambda n: make_text(PATIENT_WITH_EVERYTHING, "我的预约"), count, concurrency, True)
        measure("click 我的预约, 200 appointments", url, simulator, lambda n: make_click(HEAVY_PATIENT, "MY_APPOINTMENTS", create_time=1700000000 + n), count, concurrency, True)
        measure("click 我的成绩单", url, simulator, lambda n: make_click(PATIENT_WITH_EVERYTHING, "MY_REPORT", create_time=1700000000 + n), count, concurrency, False)

        server.close()
        app_services.engine.dispose()


if __name__ == "__main__":
    main()
