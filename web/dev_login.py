"""A login page for local use without a WeChat account: pick a demo patient or any known openid.

It is registered only when site.dev_login is true and site.base_url is local;
config validation refuses dev_login with any other base URL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, Response, redirect, render_template, request
from sqlalchemy import select

from bot.demo import DEMO_PATIENTS
from bot.logs import mask_openid
from models import WeChatUser
from web.csrf import protect
from web.db import db
from web.errors import PatientError
from web.login import log_in
from web.redirects import safe_next

log = logging.getLogger(__name__)

blueprint = Blueprint("dev_login", __name__, url_prefix="/h5/dev-login")

# Enough for a demo database, because a page listing thousands of patients is of no use.
MAX_LISTED_USERS = 50
OPENID_MAX_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Choice:
    openid: str
    label: str
    summary: str


@blueprint.get("")
def choose() -> str:
    """List the patients one can log in as."""
    return render_template("h5/dev_login.html", choices=_choices(), next_path=safe_next(request.args.get("next")))


@blueprint.post("")
def log_in_as() -> Response:
    """Log in as the chosen patient and go on to the page the visitor asked for."""
    protect()
    openid = request.form.get("openid", "")
    known = {choice.openid for choice in _choices()}
    if len(openid) > OPENID_MAX_LENGTH or openid not in known:
        raise PatientError(400, "请从列表中选择一位患者。", reason="dev login for an unlisted openid")

    log_in(openid)
    log.info("dev login user=%s", mask_openid(openid))
    return redirect(safe_next(request.form.get("next")))


def _choices() -> list[Choice]:
    choices = [Choice(openid, summary.split("：", 1)[0], summary) for openid, summary in DEMO_PATIENTS.items()]

    statement = select(WeChatUser.openid, WeChatUser.nickname).order_by(WeChatUser.id).limit(MAX_LISTED_USERS)
    for openid, nickname in db().execute(statement):
        if openid not in DEMO_PATIENTS:
            choices.append(Choice(openid, nickname or "未授权昵称的用户", mask_openid(openid)))
    return choices
