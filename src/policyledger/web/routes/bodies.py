"""``/bodies``: every department and district with a link to its page; ``/bodies/{id}`` (an id
like ``cq.swj`` or a name like 市商务委 or 渝中区): its tasks by plan, the targets it owns with
their status, and its scorecard and rank among the districts or the departments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from policyledger.storage.queries import find_body
from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render
from policyledger.web.views.bodies import load_bodies, load_body
from policyledger.web.views.labels import part_label

router = APIRouter()


@router.get("/bodies", name="bodies")
def bodies(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query()] = "",
):
    data = load_bodies(session, latest_as_of(session), q[:100])
    return render(request, "bodies.html", {"data": data})


@router.get("/bodies/{body_id}", name="body")
def body(request: Request, body_id: str, session: SessionDep):
    found = find_body(session, body_id.strip())
    if found is None:
        return render(request, "bodies_missing.html", {"wanted": body_id}, status_code=404)
    data = load_body(session, found, latest_as_of(session))
    return render(
        request,
        "body.html",
        {"data": data, "part_label": lambda part: part_label(part, request.state.lang)},
    )
