"""Declarative base shared by every table, portable between MySQL and SQLite."""

from __future__ import annotations

import enum
import time

from sqlalchemy import BigInteger, Integer, MetaData, String
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names so that Alembic migrations read the same on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# utf8mb4 so that emoji in nicknames and names round-trip on MySQL; SQLite ignores these.
MYSQL_TABLE_ARGS = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}

# Unix seconds, as the seed stores them. BigInteger keeps them valid past 2038;
# SQLite only autoincrements INTEGER primary keys, hence the variant.
UnixTime = BigInteger().with_variant(Integer(), "sqlite")
Id = BigInteger().with_variant(Integer(), "sqlite")


# Largest id BIGINT (MySQL) and INTEGER (SQLite) columns hold; larger ids are invalid input.
MAX_ID = 2**63 - 1


def exact_string(length: int) -> String:
    """Return a VARCHAR compared byte for byte, for identifiers such as openids.

    MySQL's default utf8mb4_unicode_ci collation ignores case and trailing
    spaces, so "oABC " would find the row of "oabc"; SQLite compares exactly.
    """
    binary = mysql.VARCHAR(length, charset="utf8mb4", collation="utf8mb4_bin")
    return String(length).with_variant(binary, "mysql", "mariadb")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def now() -> int:
    """Return the current time in Unix seconds."""
    return int(time.time())


class AppointmentStatus(enum.IntEnum):
    """mtd_register.status codes."""

    CLOSED = 1
    UNPAID = 2
    PAID = 3
    COMPLETED = 4


class AuditState(enum.IntEnum):
    """mtd_register.is_audit: whether the patient asked staff to review a payment."""

    NOT_REQUESTED = 0
    REQUESTED = 1


class ClaimStatus(enum.IntEnum):
    """mtd_medicine_user.status codes."""

    APPLIED = 1
    MAILED = 2


class CategoryType(enum.IntEnum):
    """mtd_category.type: one table holds three kinds of category."""

    DEPARTMENT = 1
    PRODUCT = 2
    VIDEO = 3
