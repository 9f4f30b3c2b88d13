"""Reference tables maintained by the clinic: categories, hospitals, experts, guides, products."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import MYSQL_TABLE_ARGS, Base, Id, UnixTime, now


class Category(Base):
    __tablename__ = "mtd_category"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    type: Mapped[int] = mapped_column(SmallInteger, index=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)


class Hospital(Base):
    __tablename__ = "mtd_hospital"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    address: Mapped[str] = mapped_column(String(255), default="")
    tel: Mapped[str] = mapped_column(String(32), default="")
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)


class Expert(Base):
    __tablename__ = "mtd_expert_list"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(64), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_category.id"), index=True)
    hospital_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_hospital.id"), index=True)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)


class Guide(Base):
    """A guide (导诊) who answers patients' calls about their appointment."""

    __tablename__ = "mtd_guide_list"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    tel: Mapped[str] = mapped_column(String(32))
    hospital_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_hospital.id"), index=True)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)


class Goods(Base):
    """A medicinal-diet (药膳) product that patients can claim."""

    __tablename__ = "mtd_goods_list"
    __table_args__ = MYSQL_TABLE_ARGS

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("mtd_category.id"), index=True)
    create_time: Mapped[int] = mapped_column(UnixTime, default=now)
