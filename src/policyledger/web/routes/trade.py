"""``/packs/trade``: the foreign trade and investment pack's pages — the project library with its
filters (district, year, industry section, status), the rewards per district and year and the
trade figures against the plan's 2024 targets; ``/packs/trade/applications`` the reward
applications with the rule's check, and for users with the ``review`` permission a decision
per application (``POST /packs/trade/applications/{id}/decision``: approve, refuse, mark
paid — a new version of the record, audited, CSRF-protected, refused with one line when the
rule forbids it); ``/packs/trade/complaints`` the complaints ledger, overdue first. Any
signed-in reader sees the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.exc import IntegrityError

from policyledger.web.auth import CSRF, Reviewer
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.templating import render
from policyledger.web.views.trade import REWARD_CHIPS, TARGET_CHIPS, load_trade_page
from policyledger.web.views.trade_applications import (
    APPLICATION_CHIPS,
    SUGGESTION_CHIPS,
    load_applications_page,
)
from policyledger.web.views.trade_complaints import STATE_CHIPS, load_complaints_page
from policyledger.web.views.trade_decisions import (
    ACTIONS,
    MAX_REASON,
    DecisionForm,
    DecisionRefused,
    decide,
)

router = APIRouter()

Filter = Annotated[str, Query(max_length=60)]
Short = Annotated[str, Form(max_length=40)]


def _common() -> dict:
    return {
        "reward_chips": REWARD_CHIPS,
        "target_chips": TARGET_CHIPS,
        "application_chips": APPLICATION_CHIPS,
        "suggestion_chips": SUGGESTION_CHIPS,
        "state_chips": STATE_CHIPS,
        "max_reason": MAX_REASON,
    }


@router.get("/packs/trade", name="trade")
def trade(
    request: Request,
    session: SessionDep,
    district: Filter = "",
    year: Filter = "",
    section: Filter = "",
    status: Filter = "",
):
    filters = {
        "district": district.strip(),
        "year": year.strip(),
        "section": section.strip().upper(),
        "status": status.strip(),
    }
    page = load_trade_page(session, filters, request.state.lang)
    return render(request, "trade.html", {"page": page, **_common()})


def _applications(
    request: Request,
    session: SessionDep,
    filters: dict[str, str],
    status_code: int = 200,
    **extra,
):
    page = load_applications_page(session, filters)
    context = {"page": page, **_common(), **extra}
    return render(request, "trade_applications.html", context, status_code=status_code)


@router.get("/packs/trade/applications", name="trade_applications")
def trade_applications(
    request: Request,
    session: SessionDep,
    year: Filter = "",
    status: Filter = "",
    done: Filter = "",
    id: Annotated[str, Query(max_length=80)] = "",
):
    filters = {"year": year.strip(), "status": status.strip()}
    decided = {"action": done, "id": id} if done in ACTIONS and id else None
    return _applications(request, session, filters, decided=decided)


@router.post(
    "/packs/trade/applications/{application_id}/decision",
    name="trade_decision",
    dependencies=[CSRF],
)
def trade_decision(
    request: Request,
    session: SessionDep,
    principal: Reviewer,
    application_id: Annotated[str, Path(max_length=80)],
    action: Short = "",
    amount: Short = "",
    date: Short = "",
    version: Short = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
):
    form = DecisionForm(action.strip(), amount, reason, date, version)
    try:
        decide(session, application_id, form, principal.username, dt.date.today())
        session.commit()
    except DecisionRefused as refused:
        session.rollback()
        message = refused.message(request.state.lang)
        return _applications(
            request, session, {}, refused.status, refusal=message, refused_id=application_id
        )
    except IntegrityError:  # another decision on the same application won the race
        session.rollback()
        message = translate("td_decided_meanwhile", request.state.lang)
        return _applications(request, session, {}, 409, refusal=message, refused_id=application_id)
    target = f"/packs/trade/applications?done={form.action}&id={quote(application_id)}"
    return RedirectResponse(f"{target}#{quote(application_id)}", status_code=303)


@router.get("/packs/trade/complaints", name="trade_complaints")
def trade_complaints(request: Request, session: SessionDep, on: Filter = ""):
    page = load_complaints_page(session, on.strip())
    status = 400 if page.bad_date else 200
    return render(request, "trade_complaints.html", {"page": page, **_common()}, status)
