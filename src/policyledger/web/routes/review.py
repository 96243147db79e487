"""``/review``: the values reporters submitted, oldest first, for a supervisor to approve (the
value becomes the approved, locked value of its period) or return with a reason
(``/review/{id}/approve``, ``/review/{id}/return``). Each decision goes to the audit log under
the supervisor's name; a decision that cannot be made is one line on the page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from policyledger.storage.models import Observation
from policyledger.storage.observations import SUBMITTED, ObservationError
from policyledger.storage.review import approve, return_report
from policyledger.web.auth import CSRF, Reviewer
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.routes.plans import parse_id
from policyledger.web.templating import render
from policyledger.web.views.review import load_pending

router = APIRouter()
MAX_REASON = 2000
DONE = ("approved", "returned")


def _page(
    request: Request,
    session: Session,
    status_code: int = 200,
    error: str | None = None,
    done: tuple[str, Observation] | None = None,
):
    total, rows = load_pending(session)
    context = {"total": total, "rows": rows, "error": error, "done": done, "max": MAX_REASON}
    return render(request, "review.html", context, status_code=status_code)


@router.get("/review", name="review")
def review(
    request: Request,
    session: SessionDep,
    principal: Reviewer,
    done: Annotated[str, Query()] = "",
    id: Annotated[str, Query()] = "",
):
    number = parse_id(id)
    decided = session.get(Observation, number) if number is not None else None
    shown = (done, decided) if done in DONE and decided is not None else None
    return _page(request, session, done=shown)


def _pending_or_error(
    request: Request, session: Session, observation_id: str
) -> tuple[int | None, object]:
    """The id of a value waiting for review, or (None, the page with a one-line error)."""
    lang = request.state.lang
    number = parse_id(observation_id)
    row = session.get(Observation, number) if number is not None else None
    if row is None:
        return None, _page(request, session, 404, translate("rv_err_missing", lang))
    if row.status != SUBMITTED:
        message = translate("rv_err_decided", lang).format(
            status=translate(f"rv_status_{row.status}", lang)
        )
        return None, _page(request, session, 409, message)
    return number, None


@router.post("/review/{observation_id}/approve", name="review_approve", dependencies=[CSRF])
def review_approve(request: Request, observation_id: str, session: SessionDep, principal: Reviewer):
    number, refusal = _pending_or_error(request, session, observation_id)
    if number is None:
        return refusal
    try:
        approve(session, number, actor=principal.username)
    except ObservationError as error:  # decided by someone else meanwhile
        session.rollback()
        return _page(request, session, 409, str(error))
    session.commit()
    return RedirectResponse(f"/review?done=approved&id={number}", status_code=303)


@router.post("/review/{observation_id}/return", name="review_return", dependencies=[CSRF])
def review_return(
    request: Request,
    observation_id: str,
    session: SessionDep,
    principal: Reviewer,
    reason: Annotated[str, Form()] = "",
):
    lang = request.state.lang
    number, refusal = _pending_or_error(request, session, observation_id)
    if number is None:
        return refusal
    if not reason.strip():
        return _page(request, session, 422, translate("rv_err_reason", lang))
    if len(reason) > MAX_REASON:
        return _page(request, session, 422, translate("rv_err_reason_long", lang))
    try:
        return_report(session, number, actor=principal.username, reason=reason)
    except ObservationError as error:
        session.rollback()
        return _page(request, session, 409, str(error))
    session.commit()
    return RedirectResponse(f"/review?done=returned&id={number}", status_code=303)
