"""Decisions on foreign-capital reward applications, made on ``/packs/trade/applications``:
approve (an amount), refuse (a reason) or mark paid (a date and an amount).

A decision is first read from the form (numbers, dates, the version the page showed), then
checked against the application's status (only a submitted application is approved or
refused, only an approved one is paid) and by the rule ``trade.application_check`` on the
application as it would become: any problem the rule finds that the application did not have
before (more than entitled, more than applied for, paid more than approved, a second reward of
the same project-year, a refusal without a reason, a date out of order) refuses the decision
with one line, and nothing is written. An accepted decision is a new version of the
application record (:func:`policyledger.storage.packs.write_records`: the old version stays,
both are audited, the batch keeps the synthetic mark of the record it replaces), plus an audit
row naming the decision; the caller commits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from policyledger.packs.trade.applications import ApplicationCheckInput
from policyledger.packs.trade.inputs import Application
from policyledger.packs.trade.library import ApplicationRecord, rule_input
from policyledger.packs.trade.records import APPLICATION, PROJECT, PROJECT_YEAR
from policyledger.packs.trade.reward import amount as money
from policyledger.packs.trade.totals import PACK, reward_claim
from policyledger.rules import RulesError, build, to_plain
from policyledger.storage import audit
from policyledger.storage.models import PackRecord
from policyledger.storage.packs import (
    BatchInfo,
    NewRecord,
    current_by_key,
    current_records,
    synthetic,
    write_records,
)

ACTIONS = ("approve", "refuse", "pay")
MAX_REASON = 500
# the status an action starts from, and the status it leads to
FROM_STATUS = {"approve": "submitted", "refuse": "submitted", "pay": "approved"}
TO_STATUS = {"approve": "approved", "refuse": "refused", "pay": "paid"}
STATUS_WORDS = {
    "submitted": ("已申报", "submitted"),
    "approved": ("已核定", "approved"),
    "refused": ("未予支持", "refused"),
    "paid": ("已兑付", "paid"),
    None: ("状态未填写", "without a status"),
}
_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")


class DecisionRefused(Exception):
    """A decision that cannot be made: one line in Chinese and in English, and the HTTP
    status the page answers with (404 no such application, 409 its state does not allow it,
    422 the form or the rule refuses it)."""

    def __init__(self, zh: str, en: str, status: int = 422) -> None:
        super().__init__(en)
        self.zh, self.en, self.status = zh, en, status

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class DecisionForm:
    """What the decision form posts, as text."""

    action: str = ""
    amount: str = ""
    reason: str = ""
    date: str = ""
    version: str = ""


@dataclass(frozen=True)
class Decided:
    """An accepted decision: the application as it now is and its new record version."""

    action: str
    application: ApplicationRecord
    record_id: int
    version: int


def parse_amount(text: str) -> float:
    """Yuan from the form: digits with at most two decimals, thousands separators allowed."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    if not cleaned:
        raise DecisionRefused("请填写金额（元）。", "Enter an amount in yuan.")
    if not _AMOUNT.match(cleaned):
        raise DecisionRefused(
            f"金额“{text.strip()[:40]}”不是不小于0、至多两位小数的数字。",
            f"The amount '{text.strip()[:40]}' is not a number of yuan (at most two decimals).",
        )
    value = float(cleaned)
    if value <= 0:
        raise DecisionRefused("金额应大于0。", "The amount must be more than 0.")
    return value


def parse_day(text: str, today: dt.date) -> dt.date:
    """A date from the form (YYYY-MM-DD; empty: today), not after today."""
    if not text.strip():
        return today
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DecisionRefused(
            f"日期“{text.strip()[:20]}”应写作 YYYY-MM-DD。",
            f"The date '{text.strip()[:20]}' should be written YYYY-MM-DD.",
        ) from None
    if day > today:
        raise DecisionRefused(
            f"日期 {day} 晚于今天（{today}）。", f"The date {day} is after today ({today})."
        )
    return day


def applied_decision(
    row: ApplicationRecord, form: DecisionForm, today: dt.date
) -> ApplicationRecord:
    """The application as the decision would leave it (the form read and checked for its
    own sake; the rule's check comes after)."""
    if form.action not in ACTIONS:
        raise DecisionRefused(
            "请选择核定、不予支持或兑付。", "Choose approve, refuse or mark paid."
        )
    needed = FROM_STATUS[form.action]
    if row.status != needed:
        now_zh, now_en = STATUS_WORDS.get(row.status, (str(row.status), str(row.status)))
        need_zh, need_en = STATUS_WORDS[needed]
        raise DecisionRefused(
            f"申报 {row.id} 现为“{now_zh}”，只有“{need_zh}”的申报可以这样处理。",
            f"Application {row.id} is {now_en}; only a {need_en} application can be decided so.",
            409,
        )
    day = parse_day(form.date, today)
    if form.action == "refuse":
        reason = " ".join(form.reason.split())
        if not reason:
            raise DecisionRefused("不予支持须说明理由。", "A refusal needs a reason.", 422)
        if len(reason) > MAX_REASON:
            raise DecisionRefused(
                f"理由不能超过{MAX_REASON}字。",
                f"The reason is longer than {MAX_REASON} characters.",
            )
        return dataclasses.replace(
            row, status="refused", decided=day, reason=reason, approved_cny=None
        )
    value = parse_amount(form.amount)
    if form.action == "approve":
        note = " ".join(form.reason.split())[:MAX_REASON] or row.reason
        return dataclasses.replace(
            row, status="approved", decided=day, approved_cny=value, reason=note
        )
    return dataclasses.replace(row, status="paid", paid=day, paid_cny=value)


def _load_row(record: PackRecord) -> ApplicationRecord:
    return build(ApplicationRecord, record.data, f"application {record.record_key}")


def check_input(session: Session, row: ApplicationRecord) -> ApplicationCheckInput:
    """The rule's input for ``row``: its project-year from the library (None when missing)
    and the other applications of the same project and year."""
    projects = current_by_key(session, PACK, PROJECT.name, [row.project])
    key = f"{row.project}|{row.year}"
    years = current_by_key(session, PACK, PROJECT_YEAR.name, [key])
    claim = None
    if row.project in projects and key in years:
        project = build(PROJECT.row_type, projects[row.project].data, f"project {row.project}")
        year = build(PROJECT_YEAR.row_type, years[key].data, f"project_year {key}")
        claim = reward_claim(project, year)
    others = [
        rule_input(other, Application)
        for other in (
            _load_row(r)
            for r in current_records(session, PACK, APPLICATION.name, periods=[str(row.year)])
        )
        if other.project == row.project and other.id != row.id
    ]
    return ApplicationCheckInput(rule_input(row, Application), claim, others)


def rule_problems(session: Session, row: ApplicationRecord) -> list[tuple[str, str]]:
    """What ``trade.application_check`` finds wrong with ``row`` (Chinese, English)."""
    from policyledger.packs.trade import pack

    try:
        result = pack.run(
            "trade.application_check", check_input(session, row), dt.date(row.year, 12, 31)
        )
    except RulesError as error:
        raise DecisionRefused(
            f"规则无法核对该申报：{error}", f"The rule cannot check this application: {error}"
        ) from None
    return list(zip(result.problems, result.problems_en, strict=True))


def decide(
    session: Session, application_id: str, form: DecisionForm, actor: str, today: dt.date
) -> Decided:
    """Make the decision ``form`` on the application ``application_id`` in the session's
    transaction, or raise :class:`DecisionRefused` having written nothing."""
    record = current_by_key(session, PACK, APPLICATION.name, [application_id]).get(application_id)
    if record is None:
        raise DecisionRefused(
            f"没有申报 {application_id[:80]}。", f"No application {application_id[:80]}.", 404
        )
    if form.version.strip() and form.version.strip() != str(record.version):
        raise DecisionRefused(
            f"申报 {application_id} 在您打开页面后已被更新，请刷新后再处理。",
            f"Application {application_id} changed after the page was opened: reload it.",
            409,
        )
    row = _load_row(record)
    new = applied_decision(row, form, today)
    before = set(rule_problems(session, row))
    added = [p for p in rule_problems(session, new) if p not in before]
    if added:
        zh, en = added[0]
        raise DecisionRefused(f"规则不允许：{zh}。", f"The rule does not allow it: {en}.")
    own = APPLICATION.check(new) if APPLICATION.check else []
    if own:  # what the template's import would refuse as well
        name, problem = own[0]
        raise DecisionRefused(f"{name}：{problem}", f"{name}: {problem}")
    data = to_plain(new)
    digest = hashlib.sha256(
        json.dumps([application_id, record.version, data], ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    info = BatchInfo(
        pack=PACK,
        kind=APPLICATION.name,
        filename=f"decision:{form.action}:{application_id}",
        sha256=digest,
        synthetic=synthetic(session, [record]),
        note=f"网页审核决定 decision on the page: {form.action}",
    )
    change = NewRecord(application_id, data, record.period, record.as_of, record.body_id)
    write_records(session, info, [change], actor)
    stored = current_by_key(session, PACK, APPLICATION.name, [application_id])[application_id]
    shown = new.approved_cny if form.action == "approve" else new.paid_cny
    audit.record(
        session,
        actor,
        f"reward_{form.action}",
        "pack_record",
        stored.id,
        pack=PACK,
        kind=APPLICATION.name,
        key=application_id,
        version=stored.version,
        supersedes=record.id,
        status=new.status,
        amount_cny=shown,
        amount_text=None if shown is None else money(shown),
        reason=new.reason if form.action == "refuse" else None,
        day=(new.paid if form.action == "pay" else new.decided).isoformat(),
    )
    session.flush()
    return Decided(form.action, new, stored.id, stored.version)
