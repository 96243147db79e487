"""The complaint deadlines and the export credit insurance classes: working days counted
forwards and back agree; holidays only push a deadline later; the ledger's totals, per body and
overall, add up to the complaints' states and its overdue list is every overdue complaint,
earliest deadline first; any order of dates gives problems, never a crash; the size classes
follow the thresholds on either side."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger.packs.trade import pack
from policyledger.packs.trade.complaints import NO_BODY, WorkingCalendar

PLAIN = WorkingCalendar(frozenset(), frozenset())
DAYS = st.dates(min_value=dt.date(2022, 9, 20), max_value=dt.date(2026, 12, 31))
STATES = ("open", "overdue", "answered", "closed", "withdrawn")


@given(start=DAYS, days=st.integers(min_value=1, max_value=120))
def test_adding_working_days_and_counting_them_back_agree(start, days):
    end = PLAIN.add(start, days)
    assert PLAIN.is_working(end)
    assert PLAIN.between(start, end) == days
    assert PLAIN.between(start, end - dt.timedelta(days=1)) == days - 1


@given(start=DAYS, days=st.integers(min_value=1, max_value=80), holidays=st.sets(DAYS, max_size=8))
def test_holidays_only_push_a_deadline_later(start, days, holidays):
    with_holidays = WorkingCalendar(frozenset(holidays), frozenset())
    assert with_holidays.add(start, days) >= PLAIN.add(start, days)
    for holiday in holidays:
        assert not with_holidays.is_working(holiday)


def test_a_weekend_makeup_day_counts():
    saturday = dt.date(2024, 10, 12)
    calendar = WorkingCalendar(frozenset(), frozenset({saturday}))
    assert not PLAIN.is_working(saturday) and calendar.is_working(saturday)
    assert calendar.add(dt.date(2024, 10, 11), 1) == saturday


def _optional_day(received: dt.date):
    offsets = st.integers(min_value=-30, max_value=150)
    return st.one_of(st.none(), offsets.map(lambda d: received + dt.timedelta(days=d)))


@st.composite
def complaints(draw):
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=12))):
        received = draw(st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 6, 30)))
        out.append(
            {
                "id": f"C-{i}",
                "enterprise": f"合成外资企业{i}",
                "received": received,
                "accepted": draw(_optional_day(received)),
                "answered": draw(_optional_day(received)),
                "closed": draw(_optional_day(received)),
                "deadline": draw(_optional_day(received)),
                "body": draw(st.sampled_from([None, "市商务委", "两江新区管委会", "渝北区"])),
                "status": draw(st.sampled_from([None, "received", "withdrawn", "closed"])),
            }
        )
    return out


@settings(max_examples=60, deadline=None)
@given(
    rows=complaints(), on=st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 12, 31))
)
def test_totals_add_up_and_bad_dates_never_crash(rows, on):
    result = pack.run("trade.complaints", {"on": on, "complaints": rows}, on)
    states = result.complaints
    assert [s.id for s in states] == [r["id"] for r in rows if r["received"] <= on]
    totals = result.totals
    counted = totals.open + totals.overdue + totals.answered + totals.withdrawn
    closed = sum(s.state == "closed" for s in states)
    assert counted + closed == totals.total == len(states)
    assert totals.closed_on_time + totals.closed_late == closed
    for field in ("total", "open", "overdue", "answered", "closed_on_time", "closed_late"):
        assert sum(getattr(b, field) for b in result.by_body) == getattr(totals, field)
    assert all(b.body != NO_BODY for b in result.by_body[:-1])
    overdue = [s for s in states if s.state == "overdue"]
    assert {o.id for o in result.overdue} == {s.id for s in overdue}
    assert [o.deadline for o in result.overdue] == sorted(o.deadline for o in result.overdue)
    for s in states:
        assert s.state in STATES
        if s.state == "overdue":  # 0 working days on the weekend after a Friday deadline
            assert s.deadline < on and s.days_overdue == PLAIN.between(s.deadline, on)
        else:
            assert s.days_overdue is None
        if s.state == "open":
            assert on <= s.deadline
        assert s.deadline >= s.received  # a given deadline before receipt is ignored
    assert result.unassigned == [s.id for s in states if not s.body]
    assert len(result.working) == len(result.working_en) == len(states)


def test_contradicting_dates_are_problems_not_errors():
    rows = [
        {"id": "B-1", "enterprise": "合成甲", "received": "2024-03-01", "accepted": "2024-02-01"},
        {"id": "B-2", "enterprise": "合成乙", "received": "2024-03-01", "deadline": "2024-02-01"},
        {"id": "B-3", "enterprise": "合成丙", "received": "2024-03-01", "status": "closed"},
    ]
    result = pack.run(
        "trade.complaints", {"on": "2024-03-20", "complaints": rows}, dt.date(2024, 3, 20)
    )
    assert result.problems == [
        "B-1: accepted 2024-02-01 is before received 2024-03-01: ignored",
        "B-1: no body assigned",
        "B-2: deadline 2024-02-01 is before received 2024-03-01: ignored",
        "B-2: no body assigned",
        "B-3: status is closed but no closed date is given",
        "B-3: no body assigned",
    ]
    b1, b2, b3 = result.complaints
    assert b1.deadline_source == "from_receipt" and b1.acceptance == "overdue"
    assert b2.deadline_source == "from_receipt" and b3.state == "open"


def test_dates_after_the_ledger_date_have_not_happened():
    row = {
        "id": "F-1",
        "enterprise": "合成丁",
        "received": "2024-03-01",
        "accepted": "2024-03-04",
        "answered": "2024-04-10",
        "body": "市商务委",
    }
    before = pack.run(
        "trade.complaints", {"on": "2024-04-09", "complaints": [row]}, dt.date(2024, 4, 9)
    )
    after = pack.run(
        "trade.complaints", {"on": "2024-04-10", "complaints": [row]}, dt.date(2024, 4, 10)
    )
    assert before.complaints[0].state == "open" and before.complaints[0].answered_on_time is None
    assert after.complaints[0].state == "answered" and after.complaints[0].answered_on_time


def _size(exports: float) -> str:
    enterprise = {"enterprise": "合成企业", "year": 2023, "exports_usd": exports}
    return pack.run("trade.export_sme_class", enterprise, dt.date(2024, 1, 1)).size_class


@given(exports=st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_size_classes_follow_the_thresholds(exports):
    expected = "small_micro" if exports <= 5e6 else "medium" if exports <= 5e7 else "large"
    assert _size(exports) == expected


def test_a_large_enterprise_needs_no_other_fact():
    result = pack.run(
        "trade.export_sme_class",
        {"enterprise": "合成企业", "year": 2023, "exports_usd": 6e7},
        dt.date(2024, 1, 1),
    )
    assert result.status == "decided" and result.missing == [] and result.discount_rate == 0
