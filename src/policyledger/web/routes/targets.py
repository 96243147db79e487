"""``/targets/{id}``: one target — its goal, plan and clause, status and reasons, owners, the
trajectory chart, every reported version and the source text with the figure marked."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request

from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.i18n import translate
from policyledger.web.routes.plans import not_found, parse_id
from policyledger.web.templating import render
from policyledger.web.views.targets import load_target

router = APIRouter()


@router.get("/targets/{target_id}", name="target")
def target(request: Request, target_id: str, session: SessionDep):
    lang = request.state.lang
    number = parse_id(target_id)
    page = None
    if number is not None:
        page = load_target(session, number, latest_as_of(session), lambda k: translate(k, lang))
    if page is None:
        return not_found(request, "pl_no_such_target")
    chart = json.dumps(page.chart, ensure_ascii=False) if page.chart else None
    return render(request, "target.html", {"page": page, "chart_json": chart})
