"""Demo data: four patients that together show every status the personal center knows."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.texts import CLINIC_TIMEZONE
from models import (
    AppointmentStatus,
    Category,
    CategoryType,
    ClaimStatus,
    Expert,
    Goods,
    Guide,
    Hospital,
    MedicineClaim,
    Register,
    Report,
    WeChatUser,
)

log = logging.getLogger(__name__)

# Openids are 28 characters, like WeChat's.
PATIENT_WITH_EVERYTHING = "oDemoWangXiaomei000000000001"
PATIENT_WITH_EMOJI = "oDemoLiNa0000000000000000002"
PATIENT_UNPAID_ONLY = "oDemoChenJing000000000000003"
PATIENT_WITHOUT_RECORDS = "oDemoNewFollower000000000004"

DEMO_PATIENTS = {
    PATIENT_WITH_EVERYTHING: "王小美：每种预约状态、已申请和未申请支付审核、就诊、两种药膳状态、成绩单",
    PATIENT_WITH_EMOJI: "李娜（昵称带表情）：已付款预约、就诊、已邮寄药膳",
    PATIENT_UNPAID_ONLY: "陈静：一个待付款预约和成绩单",
    PATIENT_WITHOUT_RECORDS: "新关注用户：没有任何记录",
}


def load_demo_data(session: Session, now: datetime | None = None) -> bool:
    """Insert the demo rows; return False without changes when they are already there."""
    exists = session.scalar(select(WeChatUser.id).where(WeChatUser.openid == PATIENT_WITH_EVERYTHING))
    if exists is not None:
        log.info("demo data already present, nothing loaded")
        return False

    now = now or datetime.now(CLINIC_TIMEZONE)
    catalog = _add_catalog(session)
    users = _add_users(session, now)
    _add_appointments(session, users, catalog, now)
    _add_claims(session, users, catalog, now)
    _add_reports(session, users, now)

    log.info("demo data loaded patients=%s", len(users))
    return True


def demo_day(now: datetime | None = None) -> datetime:
    """Return 09:30 tomorrow in the clinic's time zone: the demo's upcoming visits fall on it."""
    now = now or datetime.now(CLINIC_TIMEZONE)
    return (now + timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _add_catalog(session: Session) -> dict[str, object]:
    obstetrics = Category(name="产科", type=CategoryType.DEPARTMENT, sort=1)
    rehab = Category(name="产后康复科", type=CategoryType.DEPARTMENT, sort=2)
    soups = Category(name="药膳汤包", type=CategoryType.PRODUCT, sort=1)
    videos = Category(name="孕期课堂", type=CategoryType.VIDEO, sort=1)
    session.add_all([obstetrics, rehab, soups, videos])

    east = Hospital(name="市妇幼保健院东院", address="人民路 88 号", tel="020-88880001")
    west = Hospital(name="和美妇产医院", address="滨江大道 16 号", tel="020-88880002")
    session.add_all([east, west])
    session.flush()

    catalog: dict[str, object] = {
        "obstetrics": obstetrics,
        "rehab": rehab,
        "east": east,
        "west": west,
        "expert_zhang": Expert(name="张丽华", title="主任医师", category_id=obstetrics.id, hospital_id=east.id),
        "expert_zhou": Expert(name="周敏", title="副主任医师", category_id=rehab.id, hospital_id=west.id),
        "guide_east": Guide(name="刘导诊", tel="13800000001", hospital_id=east.id),
        "guide_west": Guide(name="赵导诊", tel="13800000002", hospital_id=west.id),
        "soup_qi": Goods(name="当归黄芪乌鸡汤包", category_id=soups.id),
        "soup_milk": Goods(name="通草猪蹄催乳汤包", category_id=soups.id),
    }
    session.add_all([value for key, value in catalog.items() if key.startswith(("expert", "guide", "soup"))])
    session.flush()
    return catalog


def _add_users(session: Session, now: datetime) -> dict[str, WeChatUser]:
    joined = _seconds(now - timedelta(days=60))
    users = {
        PATIENT_WITH_EVERYTHING: WeChatUser(openid=PATIENT_WITH_EVERYTHING, nickname="小美", subscribe=1, subscribe_time=joined),
        PATIENT_WITH_EMOJI: WeChatUser(openid=PATIENT_WITH_EMOJI, nickname="🌸娜娜💕", subscribe=1, subscribe_time=joined),
        PATIENT_UNPAID_ONLY: WeChatUser(openid=PATIENT_UNPAID_ONLY, nickname="静静", subscribe=1, subscribe_time=joined),
        PATIENT_WITHOUT_RECORDS: WeChatUser(openid=PATIENT_WITHOUT_RECORDS, nickname="", subscribe=1, subscribe_time=joined),
    }
    session.add_all(users.values())
    session.flush()
    return users


def _add_appointments(session: Session, users: dict[str, WeChatUser], catalog: dict, now: datetime) -> None:
    tomorrow = demo_day(now)
    east_visit = dict(hospital_id=catalog["east"].id, expert_id=catalog["expert_zhang"].id, guide_id=catalog["guide_east"].id, category_id=catalog["obstetrics"].id)
    west_visit = dict(hospital_id=catalog["west"].id, expert_id=catalog["expert_zhou"].id, guide_id=catalog["guide_west"].id, category_id=catalog["rehab"].id)

    wang = users[PATIENT_WITH_EVERYTHING].id
    li = users[PATIENT_WITH_EMOJI].id
    chen = users[PATIENT_UNPAID_ONLY].id
    rows = [
        (wang, "王小美", AppointmentStatus.UNPAID, 0, tomorrow, east_visit, 58, 162),
        (wang, "王小美", AppointmentStatus.UNPAID, 1, tomorrow + timedelta(days=7), west_visit, 58, 162),
        (wang, "王小美", AppointmentStatus.PAID, 0, tomorrow + timedelta(days=3, hours=5), east_visit, 58, 162),
        (wang, "王小美", AppointmentStatus.CLOSED, 0, now - timedelta(days=10), east_visit, 57, 162),
        (wang, "王小美", AppointmentStatus.COMPLETED, 0, now - timedelta(days=30), east_visit, 56, 162),
        (wang, "王小美", AppointmentStatus.COMPLETED, 0, now - timedelta(days=50), west_visit, 55, 162),
        (li, "李娜", AppointmentStatus.PAID, 0, tomorrow + timedelta(hours=1), west_visit, 61, 158),
        (li, "李娜", AppointmentStatus.COMPLETED, 0, now - timedelta(days=20), west_visit, 60, 158),
        (chen, "陈静", AppointmentStatus.UNPAID, 0, tomorrow + timedelta(days=2), east_visit, 52, 165),
    ]
    for number, (user_id, name, status, is_audit, booked, place, weight, height) in enumerate(rows, start=1):
        created = min(booked - timedelta(days=14) if booked > now else booked - timedelta(days=7), now)
        session.add(
            Register(
                reg_sn=f"MTD{created:%Y%m%d}{number:04d}",
                user_id=user_id,
                name=name,
                status=status,
                is_audit=is_audit,
                audit_time=_seconds(now - timedelta(hours=3)) if is_audit else 0,
                bespeak_time=_seconds(booked),
                weight=weight,
                height=height,
                create_time=_seconds(created),
                **place,
            )
        )


def _add_claims(session: Session, users: dict[str, WeChatUser], catalog: dict, now: datetime) -> None:
    wang = users[PATIENT_WITH_EVERYTHING].id
    li = users[PATIENT_WITH_EMOJI].id
    session.add_all(
        [
            MedicineClaim(user_id=wang, goods_id=catalog["soup_qi"].id, name="王小美", tel="13900000001", address="人民路 100 号 3 栋 201", status=ClaimStatus.APPLIED, create_time=_seconds(now - timedelta(days=1))),
            MedicineClaim(user_id=wang, goods_id=catalog["soup_milk"].id, name="王小美", tel="13900000001", address="人民路 100 号 3 栋 201", status=ClaimStatus.MAILED, express_company="顺丰速运", express_no="SF1234567890123", create_time=_seconds(now - timedelta(days=9))),
            MedicineClaim(user_id=li, goods_id=catalog["soup_qi"].id, name="李娜", tel="13900000002", address="滨江花园 6 栋 1202", status=ClaimStatus.MAILED, express_company="中通快递", express_no="ZT7788990011", create_time=_seconds(now - timedelta(days=4))),
        ]
    )


def _add_reports(session: Session, users: dict[str, WeChatUser], now: datetime) -> None:
    published = _seconds(now - timedelta(days=2))
    session.add_all(
        [
            Report(user_id=users[PATIENT_WITH_EVERYTHING].id, front_score=86, in_score=92, after_score=78, recovery_score=88, score=344, create_time=published, update_time=published),
            Report(user_id=users[PATIENT_UNPAID_ONLY].id, front_score=90, in_score=85, after_score=0, recovery_score=0, score=175, create_time=published, update_time=published),
        ]
    )
