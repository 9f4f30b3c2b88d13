"""The personal-center database: the seed's mtd_* tables and the queries every surface shares."""

from models.base import (
    AppointmentStatus,
    AuditState,
    Base,
    CategoryType,
    ClaimStatus,
    now,
)
from models.catalog import Category, Expert, Goods, Guide, Hospital
from models.notices import NoticeLog, NoticeStatus
from models.patients import MedicineClaim, Register, Report, WeChatUser

__all__ = [
    "AppointmentStatus",
    "AuditState",
    "Base",
    "Category",
    "CategoryType",
    "ClaimStatus",
    "Expert",
    "Goods",
    "Guide",
    "Hospital",
    "MedicineClaim",
    "NoticeLog",
    "NoticeStatus",
    "Register",
    "Report",
    "WeChatUser",
    "now",
]
