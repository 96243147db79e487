"""``trade.complaints``: the complaint ledger of foreign-invested enterprises (investment plan
三、（五）15, which tells the city to implement the national 《外商投资企业投诉工作办法》): each
complaint's acceptance and handling deadlines in working days, its state on the ledger date
(open, overdue, answered, closed, withdrawn), whether it was answered on time, and totals by
assigned body.

Working days are Monday to Friday, minus the dates of ``complaints.extra_holidays`` and plus
those of ``complaints.extra_working_days`` (the official holiday calendar is not built in). A
date after the ledger date has not happened yet on that date. A date that contradicts another
(answered before received, closed before answered) is listed as a problem and left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from policyledger.packs.trade.clauses import COMPLAINTS
from policyledger.packs.trade.inputs import Complaint, ComplaintLedger
from policyledger.rules import ParameterView, RuleInputError, label, rule

State = Literal["open", "overdue", "answered", "closed", "withdrawn"]
Acceptance = Literal["on_time", "late", "pending", "overdue", "not_recorded"]
DeadlineSource = Literal["given", "from_acceptance", "from_receipt"]
NO_BODY = "（未指定）"
WEEKDAYS_ZH = "一二三四五六日"


@dataclass(frozen=True)
class ComplaintState:
    id: Annotated[str, label("投诉编号")]
    enterprise: Annotated[str, label("投诉企业")]
    body: Annotated[str | None, label("承办单位")]
    received: Annotated[dt.date, label("收到日期")]
    accept_deadline: Annotated[dt.date, label("受理决定期限")]
    acceptance: Annotated[Acceptance, label("受理决定是否按期")]
    deadline: Annotated[dt.date, label("办结期限")]
    deadline_source: Annotated[DeadlineSource, label("办结期限来源")]
    state: Annotated[State, label("状态")]
    days_overdue: Annotated[int | None, label("逾期工作日数", "工作日")]
    answered_on_time: Annotated[bool | None, label("按期答复（办结）")]
    working_days_late: Annotated[int | None, label("超期工作日数", "工作日")]
    unassigned: Annotated[bool, label("未指定承办单位")]
    problems: Annotated[list[str], label("问题")]


@dataclass(frozen=True)
class OverdueComplaint:
    id: Annotated[str, label("投诉编号")]
    enterprise: Annotated[str, label("投诉企业")]
    body: Annotated[str | None, label("承办单位")]
    received: Annotated[dt.date, label("收到日期")]
    deadline: Annotated[dt.date, label("办结期限")]
    days_overdue: Annotated[int, label("逾期工作日数", "工作日")]


@dataclass(frozen=True)
class ComplaintTotals:
    body: Annotated[str, label("承办单位（全部为“合计”）")]
    total: Annotated[int, label("投诉数")]
    open: Annotated[int, label("办理中（未逾期）")]
    overdue: Annotated[int, label("逾期未办结")]
    answered: Annotated[int, label("已答复未办结")]
    closed_on_time: Annotated[int, label("按期办结")]
    closed_late: Annotated[int, label("超期办结")]
    withdrawn: Annotated[int, label("撤回")]
    acceptance_overdue: Annotated[int, label("逾期未作受理决定")]


@dataclass(frozen=True)
class ComplaintLedgerResult:
    on: Annotated[dt.date, label("台账日期")]
    complaints: Annotated[list[ComplaintState], label("投诉")]
    totals: Annotated[ComplaintTotals, label("合计")]
    by_body: Annotated[list[ComplaintTotals], label("按承办单位（逾期多的在前；未指定的最后）")]
    overdue: Annotated[list[OverdueComplaint], label("逾期未办结（最早到期的在前）")]
    unassigned: Annotated[list[str], label("未指定承办单位的投诉")]
    problems: Annotated[list[str], label("数据问题")]
    working: Annotated[list[str], label("计算过程")]
    working_en: Annotated[list[str], label("计算过程（英文）")]
    clauses: Annotated[list[str], label("条款")]


def _dates(values: object, key: str) -> frozenset[dt.date]:
    if not isinstance(values, list):
        raise RuleInputError(f"parameter {key}: expected a list of dates (YYYY-MM-DD)")
    out = set()
    for value in values:
        if isinstance(value, dt.date):
            out.add(value)
            continue
        try:
            out.add(dt.date.fromisoformat(str(value).strip()))
        except ValueError:
            raise RuleInputError(f"parameter {key}: '{value}' is not a date (YYYY-MM-DD)") from None
    return frozenset(out)


class WorkingCalendar:
    """Monday to Friday, minus ``holidays``, plus ``makeup_days`` (weekend days worked)."""

    def __init__(self, holidays: frozenset[dt.date], makeup_days: frozenset[dt.date]) -> None:
        self.holidays = holidays
        self.makeup_days = makeup_days

    def is_working(self, day: dt.date) -> bool:
        if day in self.makeup_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        day, counted = start, 0
        while counted < days:
            day += dt.timedelta(days=1)
            counted += self.is_working(day)
        return day

    def between(self, after: dt.date, until: dt.date) -> int:
        """Working days later than ``after`` and not later than ``until``."""
        count, day = 0, after
        while day < until:
            day += dt.timedelta(days=1)
            count += self.is_working(day)
        return count


def _day(day: dt.date) -> str:
    return f"{day.isoformat()}（周{WEEKDAYS_ZH[day.weekday()]}）"


def _checked(c: Complaint, on: dt.date, problems: list[str]) -> dict[str, dt.date | None]:
    """The complaint's dates that have happened by ``on`` and agree with each other; each date
    left out for contradicting an earlier one is named in ``problems``."""

    def happened(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= on else None

    accepted, answered, closed = happened(c.accepted), happened(c.answered), happened(c.closed)
    checks: list[tuple[str, dt.date | None, str, dt.date | None]] = [
        ("accepted", accepted, "received", c.received),
        ("answered", answered, "received", c.received),
        ("closed", closed, "received", c.received),
        ("closed", closed, "answered", answered),
    ]
    dropped: set[str] = set()
    for later, later_day, earlier, earlier_day in checks:
        if later in dropped or later_day is None or earlier_day is None or earlier in dropped:
            continue
        if later_day < earlier_day:
            problems.append(f"{later} {later_day} is before {earlier} {earlier_day}: ignored")
            dropped.add(later)
    if c.deadline is not None and c.deadline < c.received:
        problems.append(f"deadline {c.deadline} is before received {c.received}: ignored")
        dropped.add("deadline")
    return {
        "accepted": None if "accepted" in dropped else accepted,
        "answered": None if "answered" in dropped else answered,
        "closed": None if "closed" in dropped else closed,
        "deadline": None if "deadline" in dropped else c.deadline,
    }


def _outcome(
    state: State,
    days_overdue: int | None,
    on_time: bool | None,
    late_by: int | None,
    answered: dt.date | None,
    closed: dt.date | None,
) -> tuple[str, str]:
    """The end of a complaint's line of working, in Chinese and in English."""
    if state == "withdrawn":
        return "已撤回", "withdrawn"
    if state == "open":
        return "办理中，未到期", "open, not yet due"
    if state == "overdue":
        return f"逾期{days_overdue}个工作日", f"overdue by {days_overdue} working day(s)"
    done = f"{answered} 答复" if answered else f"{closed} 办结（未记答复日期）"
    done_en = f"answered {answered}" if answered else f"closed {closed} (no answer date)"
    if state == "closed" and answered:
        done += f"，{closed} 办结"
        done_en += f", closed {closed}"
    if on_time:
        return f"{done}，按期", f"{done_en}, on time"
    return f"{done}，超期{late_by}个工作日", f"{done_en}, {late_by} working day(s) late"


def complaint_state(
    c: Complaint, on: dt.date, calendar: WorkingCalendar, p: ParameterView
) -> tuple[ComplaintState, str, str]:
    """The state of ``c`` on ``on``, with one line of working in Chinese and in English."""
    problems: list[str] = []
    d = _checked(c, on, problems)
    accepted, answered, closed = d["accepted"], d["answered"], d["closed"]
    if c.status == "closed" and c.closed is None:
        problems.append("status is closed but no closed date is given")
    if c.status == "answered" and c.answered is None:
        problems.append("status is answered but no answered date is given")
    if not c.body:
        problems.append("no body assigned")
    accept_days, handle_days = (
        p["complaints.accept_working_days"],
        p["complaints.handling_working_days"],
    )
    accept_deadline = calendar.add(c.received, accept_days)
    source: DeadlineSource
    if d["deadline"] is not None:
        deadline, source = d["deadline"], "given"
        how = f"办结期限 {_day(deadline)}（已给出）"
        how_en = f"deadline {deadline} (given)"
    elif accepted is not None:
        deadline, source = calendar.add(accepted, handle_days), "from_acceptance"
        how = f"办结期限 = {accepted} 受理后第{handle_days}个工作日 = {_day(deadline)}"
        how_en = f"deadline = {handle_days} working days after acceptance {accepted} = {deadline}"
    else:
        deadline, source = calendar.add(c.received, handle_days), "from_receipt"
        how = f"办结期限 = 收到后第{handle_days}个工作日 = {_day(deadline)}（尚未受理）"
        how_en = f"deadline = {handle_days} working days after receipt = {deadline} (not accepted)"
    ended = answered or closed
    state: State
    if c.status == "withdrawn":
        state = "withdrawn"
    elif closed is not None:
        state = "closed"
    elif answered is not None:
        state = "answered"
    else:
        state = "overdue" if on > deadline else "open"
    acceptance: Acceptance
    if accepted is not None:
        acceptance = "on_time" if accepted <= accept_deadline else "late"
    elif state in ("open", "overdue"):
        acceptance = "overdue" if on > accept_deadline else "pending"
    else:
        acceptance = "not_recorded"
    days_overdue = calendar.between(deadline, on) if state == "overdue" else None
    on_time = late_by = None
    if ended is not None and state != "withdrawn":
        on_time = ended <= deadline
        late_by = 0 if on_time else calendar.between(deadline, ended)
    zh, en = _outcome(state, days_overdue, on_time, late_by, answered, closed)
    if acceptance in ("late", "overdue"):
        zh += "；受理决定超期" if acceptance == "late" else "；逾期未作受理决定"
        en += "; accepted late" if acceptance == "late" else "; no acceptance decision, overdue"
    zh = (
        f"{c.id}：{_day(c.received)}收到，受理期限 = 第{accept_days}个工作日 = "
        f"{_day(accept_deadline)}；{how} → {zh}"
    )
    en = (
        f"{c.id}: received {c.received}, accept by {accept_deadline} ({accept_days} working "
        f"days); {how_en} → {en}"
    )
    found = ComplaintState(
        id=c.id,
        enterprise=c.enterprise,
        body=c.body,
        received=c.received,
        accept_deadline=accept_deadline,
        acceptance=acceptance,
        deadline=deadline,
        deadline_source=source,
        state=state,
        days_overdue=days_overdue,
        answered_on_time=on_time,
        working_days_late=late_by,
        unassigned=not c.body,
        problems=problems,
    )
    return found, zh, en


def totals(body: str, states: list[ComplaintState]) -> ComplaintTotals:
    """The counts of ``states`` under the name ``body``."""
    count = Counter(s.state for s in states)

    def closed(test: Callable[[ComplaintState], bool]) -> int:
        return sum(s.state == "closed" and test(s) for s in states)

    return ComplaintTotals(
        body=body,
        total=len(states),
        open=count["open"],
        overdue=count["overdue"],
        answered=count["answered"],
        closed_on_time=closed(lambda s: s.answered_on_time is True),
        closed_late=closed(lambda s: s.answered_on_time is False),
        withdrawn=count["withdrawn"],
        acceptance_overdue=sum(s.acceptance == "overdue" for s in states),
    )


@rule(
    "trade.complaints",
    zh="外商投资企业投诉：受理与办结期限、逾期与按期办结",
    en="Complaints of foreign-invested enterprises: deadlines, overdue and on-time handling",
    cites=[COMPLAINTS],
    parameters=[
        "complaints.accept_working_days",
        "complaints.handling_working_days",
        "complaints.extra_holidays",
        "complaints.extra_working_days",
    ],
)
def complaints(inputs: ComplaintLedger, p: ParameterView) -> ComplaintLedgerResult:
    """每件投诉在台账日期的状态。工作日 = 周一至周五，去掉 extra_holidays，加上
    extra_working_days（调休上班日）；收到（受理）当日不计。受理期限 = 收到后第
    accept_working_days（7）个工作日；未给出办结期限的，办结期限 = 受理后第
    handling_working_days（60）个工作日，尚未受理的从收到日起算。答复（或未记答复日期时的办结）
    不晚于办结期限为按期，否则超期若干工作日；未答复、未办结且台账日期已过期限的为逾期，逾期
    工作日数 = 期限后至台账日期的工作日数（周五到期、周六查看：已逾期，逾期0个工作日）。
    台账日期之后的日期尚未发生；收到日期晚于台账日期的投诉不列入；相互矛盾的日期列为问题
    并不采用；未指定承办单位的列出。"""
    on = inputs.on
    calendar = WorkingCalendar(
        _dates(p["complaints.extra_holidays"], "complaints.extra_holidays"),
        _dates(p["complaints.extra_working_days"], "complaints.extra_working_days"),
    )
    seen: dict[str, int] = {}
    states: list[ComplaintState] = []
    working: list[str] = []
    working_en: list[str] = []
    for i, c in enumerate(inputs.complaints):
        if c.id in seen:
            raise RuleInputError(f"complaints[{i}].id: '{c.id}' repeats complaints[{seen[c.id]}]")
        seen[c.id] = i
        if c.received > on:
            continue
        state, zh, en = complaint_state(c, on, calendar, p)
        states.append(state)
        working.append(zh)
        working_en.append(en)
    bodies = {s.body for s in states if s.body}
    by_body = [totals(b, [s for s in states if s.body == b]) for b in bodies]
    by_body.sort(key=lambda t: (-t.overdue, -t.total, t.body))
    if any(s.unassigned for s in states):
        by_body.append(totals(NO_BODY, [s for s in states if s.unassigned]))
    late = sorted(
        (s for s in states if s.state == "overdue"), key=lambda s: (s.deadline, s.received, s.id)
    )
    return ComplaintLedgerResult(
        on=on,
        complaints=states,
        totals=totals("合计", states),
        by_body=by_body,
        overdue=[
            OverdueComplaint(
                s.id, s.enterprise, s.body, s.received, s.deadline, s.days_overdue or 0
            )
            for s in late
        ],
        unassigned=[s.id for s in states if s.unassigned],
        problems=[f"{s.id}: {problem}" for s in states for problem in s.problems],
        working=working,
        working_en=working_en,
        clauses=[COMPLAINTS.cite()],
    )
