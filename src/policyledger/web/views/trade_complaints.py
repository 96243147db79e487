"""The complaints ledger page's data (``/packs/trade/complaints``): every complaint of a
foreign-invested enterprise on a date (``?on=YYYY-MM-DD``; today by default) as
``trade.complaints`` sees it — received, enterprise, subject, assigned body, the deadline and
whether it was given or computed, answered, closed, state, working days overdue — overdue
first, then open, answered, closed and withdrawn; and the totals by assigned body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packs.trade.complaints import ComplaintState, ComplaintTotals
from policyledger.packs.trade.library import ComplaintRecord
from policyledger.packs.trade.results import complaints_ledger
from policyledger.storage.models import Body
from policyledger.storage.queries import find_body
from policyledger.web.views.energy import RuleBox
from policyledger.web.views.trade import has_trade_batches, rule_boxes

STATES = ("overdue", "open", "answered", "closed", "withdrawn")
STATE_CHIPS = {
    "overdue": "red",
    "open": "blue",
    "answered": "yellow",
    "closed": "green",
    "withdrawn": "grey",
}


@dataclass(frozen=True)
class ComplaintLine:
    """A complaint as stored and as the rule sees it on the page's date."""

    record: ComplaintRecord | None
    state: ComplaintState


@dataclass
class ComplaintsPage:
    on: dt.date
    rules: dict[str, RuleBox]
    lines: list[ComplaintLine] = field(default_factory=list)
    by_body: list[ComplaintTotals] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)  # as written → registry body
    total: ComplaintTotals | None = None
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    bad_date: str | None = None
    synthetic: bool = False
    has_batches: bool = False


def _order(state: ComplaintState) -> tuple:
    """Overdue first (the longest overdue first), then by state, then oldest received."""
    return (STATES.index(state.state), -(state.days_overdue or 0), state.deadline, state.id)


def load_complaints_page(
    session: Session, wanted: str, today: dt.date | None = None
) -> ComplaintsPage:
    """The ledger on the date ``wanted`` (empty: today); a date that is not one is named in
    ``bad_date`` and the ledger is left empty."""
    on = today or dt.date.today()
    page = ComplaintsPage(on, rule_boxes(session, "trade.complaints"))
    page.has_batches = has_trade_batches(session)
    if wanted:
        try:
            page.on = dt.date.fromisoformat(wanted)
        except ValueError:
            page.bad_date = wanted[:20]
            return page
    block = complaints_ledger(session, page.on)
    page.synthetic = block.synthetic
    if block.error is not None or block.result is None:
        page.error = block.error or "trade.complaints did not run"
        return page
    records = {c.id: c for c in block.complaints}
    ledger = block.result
    page.lines = [
        ComplaintLine(records.get(s.id), s) for s in sorted(ledger.complaints, key=_order)
    ]
    page.by_body = ledger.by_body
    page.total = ledger.totals
    page.problems = ledger.problems
    written = {line.state.body for line in page.lines if line.state.body}
    written |= {b.body for b in ledger.by_body if b.body}
    page.bodies = {name: body for name in written if (body := find_body(session, name))}
    return page
