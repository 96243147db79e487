"""``/public/investors``: the public investor page, open to anyone and read-only — the
incentives of the published plans with their clause text from the ledger, the foreign-capital
reward calculator and the export credit insurance calculator (GET forms: submitting one changes
nothing). Bad input is one line on the page with status 422."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.auth import PrincipalDep
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.templating import render
from policyledger.web.views.investors import (
    MISSING_LABELS,
    Problem,
    language_runs,
    load_investor_page,
    parameter_text,
)

router = APIRouter()


def problem_message(problem: Problem, lang: str) -> str:
    """The one line saying what is wrong with the calculator's input."""
    field = translate(problem.field, lang) if problem.field else ""
    return translate(problem.key, lang).format(field=field, value=problem.value)


def money(value: float | int | None) -> str:
    """Yuan with thousands separators and fen only when there are any: 200,000.01, 400,000."""
    if value is None:
        return "—"
    text = f"{float(value):,.2f}"
    return text[:-3] if text.endswith(".00") else text


@router.get("/public/investors", name="public_investors")
def investors(request: Request, session: SessionDep, principal: PrincipalDep):
    page = load_investor_page(session, request.query_params)
    lang = request.state.lang
    problem = page.calculation.problem
    insurance_problem = page.insurance.problem
    context = {
        "page": page,
        "money": money,
        "missing_labels": MISSING_LABELS,
        "parameter_text": parameter_text,
        "language_runs": language_runs,
        "problem": problem_message(problem, lang) if problem else "",
        "insurance_problem": (
            problem_message(insurance_problem, lang) if insurance_problem else ""
        ),
    }
    bad = problem is not None or insurance_problem is not None
    return render(request, "investors.html", context, status_code=422 if bad else 200)
