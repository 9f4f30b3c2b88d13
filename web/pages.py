"""The H5 personal center's pages: home, open appointments, visits, claims, report card."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from models import queries
from models.base import AppointmentStatus
from web.chart import report_bars
from web.db import db
from web.guards import patient_openid, require_page_login

blueprint = Blueprint("pages", __name__, url_prefix="/h5")
blueprint.before_request(require_page_login)

# Tabs of the appointment list: query value -> (label, statuses shown).
APPOINTMENT_TABS = {
    "all": ("全部", (AppointmentStatus.UNPAID, AppointmentStatus.PAID)),
    "unpaid": ("待付款", (AppointmentStatus.UNPAID,)),
    "paid": ("已付款", (AppointmentStatus.PAID,)),
}


@blueprint.get("/")
def home() -> str:
    openid = patient_openid()
    profile = queries.get_profile(db(), openid)
    summary = queries.get_summary(db(), openid)
    return render_template("h5/home.html", profile=profile, summary=summary)


@blueprint.get("/appointments")
def appointments() -> str:
    # An unknown tab shows them all rather than an error: the link may be old.
    tab = request.args.get("tab", "all")
    if tab not in APPOINTMENT_TABS:
        tab = "all"

    rows = queries.list_open_appointments(db(), patient_openid())
    counts = {key: sum(1 for row in rows if row.status in statuses) for key, (_label, statuses) in APPOINTMENT_TABS.items()}
    tab_rows = [row for row in rows if row.status in APPOINTMENT_TABS[tab][1]]
    return render_template("h5/appointments.html", tabs=APPOINTMENT_TABS, tab=tab, counts=counts, items=tab_rows)


@blueprint.get("/visits")
def visits() -> str:
    return render_template("h5/visits.html", items=queries.list_visits(db(), patient_openid()))


@blueprint.get("/claims")
def claims() -> str:
    return render_template("h5/claims.html", items=queries.list_claims(db(), patient_openid()))


@blueprint.get("/report")
def report() -> str:
    card = queries.get_report(db(), patient_openid())
    bars = report_bars(card) if card else []
    return render_template("h5/report.html", report=card, bars=bars)
