"""Per-patient tables: the WeChat user, appointments, medicinal-diet claims, report cards."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import MYSQL_TABLE_ARGS, AuditState, Base, Id, UnixTime, exact_string, now


class WeChatUser(Base):
    """A follower of the official account, keyed by the openid WeChat gives for this account."""

    __tablename__ = "mtd_wechar_user"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    openid: Mapped[str] = mapped_column(exact_string(64), unique=True)
    nickname: Mapped[str] = mapped_column(String(100), default="")
    headimgurl: Mapped[str] = mapped_column(String(512), default="")
    subscribe: Mapped[int] = mapped_column(SmallInteger, default=0)
    subscribe_time: Mapped[int] = mapped_column(UnixTime, default=0)
    unsubscribe_time: Mapped[int] = mapped_column(UnixTime, default=0)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
    update_time: Mapped[int] = mapped_column(UnixTime, default=now, onupdate=now)


class Register(Base):
    """An appointment. Status codes are AppointmentStatus; is_audit is AuditState."""

    __tablename__ = "mtd_register"
    __table_args__ = (
        Index("ix_mtd_register_user_id_status", "user_id", "status"),
        Index("ix_mtd_register_status_bespeak_time", "status", "bespeak_time"),
        MYSQL_TABLE_ARGS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    reg_sn: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mtd_wechar_user.id"))
    name: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(SmallInteger)
    is_audit: Mapped[int] = mapped_column(SmallInteger, default=AuditState.NOT_REQUESTED)
    audit_time: Mapped[int] = mapped_column(UnixTime, default=0)
    hospital_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_hospital.id"), index=True)
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_expert_list.id"), index=True)
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_guide_list.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_category.id"), index=True)
    bespeak_time: Mapped[int] = mapped_column(UnixTime)
    weight: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    img: Mapped[str] = mapped_column(String(512), default="")
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
    update_time: Mapped[int] = mapped_column(UnixTime, default=now, onupdate=now)


class MedicineClaim(Base):
    """A medicinal-diet claim: the patient applied (1) and staff mailed the pack (2)."""

    __tablename__ = "mtd_medicine_user"
    __table_args__ = (
        Index("ix_mtd_medicine_user_user_id_create_time", "user_id", "create_time"),
        MYSQL_TABLE_ARGS,
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mtd_wechar_user.id"))
    goods_id: Mapped[int] = mapped_column(ForeignKey("mtd_goods_list.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    tel: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(255))
    status: Mapped[int] = mapped_column(SmallInteger)
    express_company: Mapped[str] = mapped_column(String(64), default="")
    express_no: Mapped[str] = mapped_column(String(64), default="")
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
    update_time: Mapped[int] = mapped_column(UnixTime, default=now, onupdate=now)


class Report(Base):
    """A patient's report card: one row per patient with the four stage scores and the total."""

    __tablename__ = "mtd_report"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mtd_wechar_user.id"), unique=True)
    front_score: Mapped[int] = mapped_column(Integer, default=0)
    in_score: Mapped[int] = mapped_column(Integer, default=0)
    after_score: Mapped[int] = mapped_column(Integer, default=0)
    recovery_score: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int] = mapped_column(Integer, default=0)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
    update_time: Mapped[int] = mapped_column(UnixTime, default=now, onupdate=now)
