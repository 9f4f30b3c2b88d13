"""The back-office endpoints: bearer-token authentication, JSON validation, notices and reviews."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.config import BackofficeSettings
from bot.db import transaction
from bot.demo import PATIENT_WITH_EVERYTHING
from models import AuditState, Register

TOKEN = "back-office-token-for-tests-0123456789"


def make_client(services, token: str):
    settings = dataclasses.replace(services.settings, backoffice=BackofficeSettings(token=token))
    app = create_app(services=dataclasses.replace(services, settings=settings))
    app.config.update(TESTING=True)
    return app.test_client()


@pytest.fixture
def backoffice(inline_services):
    return make_client(inline_services, TOKEN)


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def first_id(services, *conditions) -> int:
    with transaction(services.sessions) as session:
        return session.scalar(select(Register.id).where(*conditions).order_by(Register.id))


def test_disabled_without_token(inline_services):
    client = make_client(inline_services, "")

    response = client.post("/backoffice/notices", json={"kind": "appointment", "id": 1}, headers=auth())

    assert response.status_code == 404
    assert response.json["error"]["code"] == "disabled"
    assert "backoffice.token" in response.json["error"]["message"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer"},
    ],
    ids=["missing", "wrong", "basic scheme", "longer", "empty"],
)
def test_bad_token_is_rejected(backoffice, sandbox, headers):
    response = backoffice.post("/backoffice/notices", json={"kind": "appointment", "id": 1}, headers=headers)

    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert sandbox.state.calls_to("/cgi-bin/message/template/send") == []


def test_notice_is_sent_once(backoffice, inline_services, sandbox):
    appointment_id = first_id(inline_services, Register.status == 3)

    first = backoffice.post("/backoffice/notices", json={"kind": "appointment", "id": appointment_id}, headers=auth())
    second = backoffice.post("/backoffice/notices", json={"kind": "appointment", "id": appointment_id}, headers=auth())

    assert first.status_code == 200
    assert first.json["notice"]["status"] == "sent"
    assert first.json["notice"]["duplicate"] is False
    assert second.json["notice"]["status"] == "sent"
    assert second.json["notice"]["duplicate"] is True
    with sandbox.app.app_context():
        assert len(sandbox.state.store["template_messages"]) == 1


@pytest.mark.parametrize(
    "body, code",
    [
        ({"kind": "birthday", "id": 1}, "invalid_kind"),
        ({"kind": "appointment", "id": "12"}, "invalid_id"),
        ({"kind": "appointment", "id": True}, "invalid_id"),
        ({"kind": "appointment", "id": 0}, "invalid_id"),
        ({"kind": "appointment", "id": 10**20}, "invalid_id"),
        ({"kind": "appointment"}, "invalid_id"),
        ([1, 2], "invalid_json"),
    ],
)
def test_invalid_notice_body_is_explained(backoffice, body, code):
    response = backoffice.post("/backoffice/notices", json=body, headers=auth())

    assert response.status_code == 400
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_non_json_body_is_explained(backoffice):
    response = backoffice.post("/backoffice/notices", data="kind=appointment", headers=auth())

    assert response.status_code == 400
    assert "JSON" in response.json["error"]["message"]


def test_unknown_appointment_is_not_found(backoffice):
    response = backoffice.post("/backoffice/notices", json={"kind": "appointment", "id": 999999}, headers=auth())

    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_review_approval_changes_status(backoffice, inline_services, sandbox):
    appointment_id = first_id(inline_services, Register.is_audit == AuditState.REQUESTED)

    response = backoffice.post(f"/backoffice/reviews/{appointment_id}", json={"decision": "approve"}, headers=auth())

    assert response.status_code == 200
    assert response.json["appointment"] == {"id": appointment_id, "status": 3, "is_audit": 0}
    assert response.json["decided_now"] is True
    assert response.json["notice"]["status"] == "sent"
    with sandbox.app.app_context():
        assert sandbox.state.store["template_messages"][0]["touser"] == PATIENT_WITH_EVERYTHING


def test_review_rejection_needs_reason(backoffice, inline_services):
    appointment_id = first_id(inline_services, Register.is_audit == AuditState.REQUESTED)

    response = backoffice.post(f"/backoffice/reviews/{appointment_id}", json={"decision": "reject"}, headers=auth())

    assert response.status_code == 400
    assert response.json["error"]["code"] == "reason_missing"


def test_review_of_settled_appointment_conflicts(backoffice, inline_services):
    appointment_id = first_id(inline_services, Register.is_audit == AuditState.NOT_REQUESTED, Register.status == 2)

    response = backoffice.post(f"/backoffice/reviews/{appointment_id}", json={"decision": "approve"}, headers=auth())

    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_requested"


def test_review_with_bad_decision(backoffice):
    response = backoffice.post("/backoffice/reviews/1", json={"decision": "maybe"}, headers=auth())

    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_decision"


def test_review_of_huge_id_is_explained(backoffice):
    response = backoffice.post(f"/backoffice/reviews/{10**20}", json={"decision": "approve"}, headers=auth())

    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_id"
