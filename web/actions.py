"""The two appointment writes a patient can make, shared by the JSON API and the H5 pages."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.logs import mask_openid
from bot.services import services
from models.appointments import Change, request_payment_review, save_appointment
from models.base import now
from web.db import db
from web.refusals import raise_for_audit, raise_for_save
from web.validation import parse_bespeak_time, parse_id, parse_name

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Edit:
    id: int
    name: str
    bespeak_time: int


def read_edit(values: Mapping[str, Any], appointment_id: Any) -> Edit:
    """Validate a submitted edit; raise InvalidInput for the first invalid field."""
    window_days = services().settings.site.booking_window_days
    return Edit(
        id=parse_id(appointment_id),
        name=parse_name(values.get("name")),
        bespeak_time=parse_bespeak_time(values.get("bespeak_time"), now(), window_days),
    )


def save_edit(openid: str, edit: Edit) -> None:
    """Save the edit of one of the patient's open appointments, or raise the patient's refusal."""
    session = db()
    outcome = save_appointment(session, openid, edit.id, edit.name, edit.bespeak_time)
    raise_for_save(outcome, edit.id)

    session.commit()
    log.info("appointment %s edited user=%s", edit.id, mask_openid(openid))


def ask_payment_review(openid: str, appointment_id: int) -> bool:
    """Request a payment review; return False when it had already been requested."""
    session = db()
    outcome = request_payment_review(session, openid, appointment_id)
    raise_for_audit(outcome, appointment_id)

    session.commit()
    first_time = outcome.change is Change.DONE
    log.info("appointment %s payment review requested first_time=%s user=%s", appointment_id, first_time, mask_openid(openid))
    return first_time
