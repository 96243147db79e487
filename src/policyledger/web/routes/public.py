"""``/public``: what anyone may see without signing in — the plans of published documents with
their warning colours; ``/public/plans/{id}``: one such plan's targets with their latest approved
value and status. Any other plan is a 404 here, whether it exists or not."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.auth import PrincipalDep
from policyledger.web.deps import SessionDep
from policyledger.web.routes.plans import parse_id
from policyledger.web.templating import render
from policyledger.web.views.overview import COLOURS
from policyledger.web.views.public import load_public_plan, load_public_plans

router = APIRouter()


@router.get("/public", name="public")
def public(request: Request, session: SessionDep, principal: PrincipalDep):
    plans = load_public_plans(session)
    return render(request, "public.html", {"plans": plans, "colours": COLOURS})


@router.get("/public/plans/{plan_id}", name="public_plan")
def public_plan(request: Request, plan_id: str, session: SessionDep, principal: PrincipalDep):
    number = parse_id(plan_id)
    found = None if number is None else load_public_plan(session, number)
    if found is None:
        return render(
            request,
            "not_found.html",
            {"message_key": "pu_no_such_plan", "public": True},
            status_code=404,
        )
    summary, targets = found
    context = {"summary": summary, "targets": targets, "colours": COLOURS}
    return render(request, "public_plan.html", context)
