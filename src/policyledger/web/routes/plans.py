"""``/plans``: the current plans with their document and counts; ``/plans/{id}``: one plan's
clause tree with each task's bodies and each target's status; ``/tasks/{id}/source``: the
clause as written, loaded on demand (htmx) with its targets' figures marked."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render
from policyledger.web.views.overview import COLOURS
from policyledger.web.views.plans import load_plan, load_plans, load_task_source

router = APIRouter()


def parse_id(text: str) -> int | None:
    """A row id from a URL: digits only, within a 32-bit integer; None otherwise."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def not_found(request: Request, message_key: str):
    """The 404 page, in the page's language."""
    return render(request, "not_found.html", {"message_key": message_key}, status_code=404)


@router.get("/plans", name="plans")
def plans(request: Request, session: SessionDep):
    as_of = latest_as_of(session)
    context = {"plans": load_plans(session, as_of), "as_of": as_of, "colours": COLOURS}
    return render(request, "plans.html", context)


@router.get("/plans/{plan_id}", name="plan")
def plan(request: Request, plan_id: str, session: SessionDep):
    number = parse_id(plan_id)
    page = None if number is None else load_plan(session, number, latest_as_of(session))
    if page is None:
        return not_found(request, "pl_no_such_plan")
    return render(request, "plan.html", {"page": page, "colours": COLOURS})


@router.get("/tasks/{task_id}/source", name="task_source")
def task_source(request: Request, task_id: str, session: SessionDep):
    number = parse_id(task_id)
    source = None if number is None else load_task_source(session, number)
    if source is None:
        return render(request, "partials/task_source.html", {"source": None}, status_code=404)
    return render(request, "partials/task_source.html", {"source": source})
