"""The public investor page's data: the incentives of the two plans of 渝府办发〔2022〕107号 with
their clause text read from the ledger and the gazette's own English titles, the foreign-capital
reward calculator (the form's values checked, the ``trade.reward`` rule run on 31 December of
the year asked for, and the parameters it read, with their notes) and, the same way, the export
credit insurance calculator (``trade.export_sme_class``: size class and premium discounts).

Nothing here is shown unless that document is in the ledger, current and published; no pack
record (project library, applications, complaints) is ever read."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.ingest.english_titles import english_title_for, english_titles, plan_titles_en
from policyledger.packs.trade import clauses
from policyledger.packs.trade.incentives import INCENTIVES, Incentive
from policyledger.packs.trade.inputs import INDUSTRY_SECTIONS, ExportEnterprise, RewardClaim
from policyledger.rules import ParameterExpired, ParameterSet, Rule, RulesError
from policyledger.rules.clauses import clause_text, split_plan
from policyledger.storage.models import Document, Plan

REWARD_RULE = "trade.reward"
INSURANCE_RULE = "trade.export_sme_class"
KINDS = ("new", "capital_increase")
FIRST_YEAR, LAST_YEAR = 2000, 2100
LARGEST_USD = 1e12  # a trillion dollars (or yuan): anything above is a typing slip
FORM_FIELDS = (
    "year",
    "kind",
    "industry_section",
    "quasi_finance",
    "received_usd",
    "shareholder_loans_usd",
    "other_support",
)
INSURANCE_FIELDS = (  # the insurance calculator's own names: the two forms never clash
    "ins_year",
    "ins_exports_usd",
    "ins_platform",
    "ins_little_giant",
    "ins_premium_cny",
)
FIELD_LABELS = {  # the UI string naming each field in a message
    "year": "iv_year",
    "kind": "iv_kind",
    "industry_section": "iv_section",
    "received_usd": "iv_received",
    "shareholder_loans_usd": "iv_loans",
    "ins_exports_usd": "iv_ins_exports",
    "ins_premium_cny": "iv_ins_premium",
}


@dataclass(frozen=True)
class IncentiveShown:
    """An incentive with what the ledger holds for it: the clause text (None when the ledger
    has no such clause), the clause path, the plan's Chinese name and the gazette's English
    title of the plan (None when the gazette prints none)."""

    incentive: Incentive
    clause: str
    text: str | None
    plan_zh: str | None
    plan_en: str | None

    @property
    def segments(self) -> list[tuple[str, bool]]:
        """The clause text in pieces, each marked when it is a part the citation quotes."""
        return marked_segments(self.text or "", self.incentive.citation.quote)


@dataclass(frozen=True)
class Problem:
    """Bad input: the UI string ``key`` with ``field`` (a UI string key) and ``value``."""

    key: str
    field: str = ""
    value: str = ""


@dataclass(frozen=True)
class Interpretation:
    """A parameter a calculator's rule read: its title, value and unit, note and source."""

    key: str
    title: str
    value: Any
    unit: str | None
    note: str
    source: str


@dataclass
class Calculation:
    """A calculator: the values as typed (to fill the form again), and after a submission
    either a problem or the rule's result with the parameters it read."""

    values: dict[str, str] = field(default_factory=dict)
    submitted: bool = False
    problem: Problem | None = None
    rule_error: str = ""
    no_parameters_in: int | None = None  # a year no value of the rule's parameters covers
    result: Any = None
    interpretations: list[Interpretation] = field(default_factory=list)


@dataclass
class InvestorPage:
    """Everything the page shows; ``document`` is None when the notice is not published."""

    document: Document | None = None
    document_en: str | None = None
    incentives: list[IncentiveShown] = field(default_factory=list)
    calculator_ready: bool = False
    calculation: Calculation = field(default_factory=Calculation)
    insurance_ready: bool = False
    insurance: Calculation = field(default_factory=Calculation)


def marked_segments(text: str, quote: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, quoted?) pieces: the parts of ``quote`` (``……`` separates
    them) found in the text, in order, are marked; an empty quote marks nothing."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for part in (p.strip() for p in quote.split("……")):
        found = text.find(part, at) if part else -1
        if found < 0:
            continue
        if found > at:
            pieces.append((text[at:found], False))
        pieces.append((part, True))
        at = found + len(part)
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def published_notice(session: Session) -> Document | None:
    """The current version of 渝府办发〔2022〕107号 when it is published, else None."""
    return session.scalar(
        select(Document)
        .where(
            Document.doc_number == clauses.NOTICE,
            Document.is_current.is_(True),
            Document.published.is_(True),
        )
        .order_by(Document.id.desc())
        .limit(1)
    )


def load_incentives(
    session: Session, document: Document
) -> tuple[list[IncentiveShown], str | None]:
    """Each incentive with its clause text from the ledger and its plan's titles; and the
    notice's English title as the gazette prints it (None when it prints none)."""
    printed = english_titles(document.source.text)
    entry = english_title_for(printed, document.title)
    plans = session.scalars(
        select(Plan.name).where(Plan.document_id == document.id).order_by(Plan.position)
    ).all()
    plan_en = plan_titles_en(entry, plans)
    shown = []
    for item in INCENTIVES:
        found, _reason = clause_text(session, item.citation.document, item.citation.clause)
        plan_named, clause = split_plan(item.citation.clause)
        plan_zh = found.document_title if found else plan_named
        shown.append(
            IncentiveShown(
                item,
                clause.strip(),
                found.text if found else None,
                plan_zh,
                plan_en.get(plan_zh or ""),
            )
        )
    return shown, entry.title_en if entry else None


# --- the calculator ----------------------------------------------------------------------------


def _amount(values: Mapping[str, str], name: str) -> tuple[float | None, Problem | None]:
    """A non-negative amount (US dollars, or yuan for a premium) typed as ``values[name]``
    (commas and spaces allowed); None when left empty."""
    typed = values.get(name, "").strip()
    if not typed:
        return None, None
    label = FIELD_LABELS[name]
    try:
        amount = float(typed.replace(",", "").replace("，", "").replace(" ", ""))
    except ValueError:
        return None, Problem("iv_err_number", label, typed[:40])
    if not math.isfinite(amount):
        return None, Problem("iv_err_number", label, typed[:40])
    if amount < 0:
        return None, Problem("iv_err_negative", label)
    if amount > LARGEST_USD:
        return None, Problem("iv_err_too_large", label)
    return amount, None


def _year(typed: str) -> int | None:
    """The year typed, when it is a whole number from FIRST_YEAR to LAST_YEAR."""
    typed = typed.strip()
    if not typed.isdigit() or not FIRST_YEAR <= int(typed) <= LAST_YEAR:
        return None
    return int(typed)


def parse_claim(values: Mapping[str, str]) -> tuple[RewardClaim | None, Problem | None]:
    """The reward claim the calculator's form describes, or the first problem with it. An
    unticked box means "no"; an empty amount, kind or section means "not known"."""
    year = _year(values.get("year", ""))
    if year is None:
        return None, Problem("iv_err_year")
    kind = values.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        return None, Problem("iv_err_choice", "iv_kind", kind[:40])
    section = values.get("industry_section", "").strip().upper() or None
    if section is not None and section not in INDUSTRY_SECTIONS:
        return None, Problem("iv_err_choice", "iv_section", section[:40])
    received, problem = _amount(values, "received_usd")
    if problem:
        return None, problem
    loans, problem = _amount(values, "shareholder_loans_usd")
    if problem:
        return None, problem
    if received is not None and loans is not None and loans > received:
        return None, Problem("iv_err_loans")
    claim = RewardClaim(
        project="calculator",
        year=year,
        kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
        industry_section=section,
        quasi_finance=bool(values.get("quasi_finance")),
        received_usd=received,
        shareholder_loans_usd=loans,
        other_support_same_direction=bool(values.get("other_support")),
    )
    return claim, None


def parse_enterprise(
    values: Mapping[str, str],
) -> tuple[ExportEnterprise | None, Problem | None]:
    """The export enterprise the insurance calculator's form describes, or the first problem
    with it. An unticked box means "no"; empty exports mean "not known" (the rule then cannot
    decide the class); an empty premium means none is worked out."""
    year = _year(values.get("ins_year", ""))
    if year is None:
        return None, Problem("iv_err_year")
    exports, problem = _amount(values, "ins_exports_usd")
    if problem:
        return None, problem
    premium, problem = _amount(values, "ins_premium_cny")
    if problem:
        return None, problem
    enterprise = ExportEnterprise(
        enterprise="calculator",
        year=year,
        exports_usd=exports,
        on_unified_platform=bool(values.get("ins_platform")),
        little_giant=bool(values.get("ins_little_giant")),
        base_premium_cny=premium,
    )
    return enterprise, None


def interpretations(rule: Rule, parameters: ParameterSet, on: dt.date) -> list[Interpretation]:
    """The parameters ``rule`` reads, as valid on ``on``, with their notes."""
    out = []
    for key in rule.parameters:
        try:
            parameter = parameters[key]
            period = parameter.period(on)
        except RulesError:
            continue
        out.append(
            Interpretation(
                key,
                parameter.title,
                period.value,
                period.unit,
                " ".join(period.note.split()),
                period.source.cite(),
            )
        )
    return out


def _run(
    calculation: Calculation, found: tuple[Rule, ParameterSet], inputs: Any, year: int
) -> None:
    """Run the rule of ``found`` over ``inputs`` on 31 December of ``year`` into
    ``calculation``: its result and the parameters it read, or why it could not run."""
    rule, parameters = found
    on = dt.date(year, 12, 31)
    try:
        calculation.result = rule.run(inputs, on=on, parameters=parameters)
        calculation.interpretations = interpretations(rule, parameters, on)
    except ParameterExpired:
        calculation.no_parameters_in = year
    except RulesError as error:
        calculation.rule_error = " ".join(str(error).split())[:300]


def _calculate(
    found: tuple[Rule, ParameterSet] | None,
    query: Mapping[str, str],
    fields: tuple[str, ...],
    parse: Callable[[Mapping[str, str]], tuple[Any, Problem | None]],
    defaults: Mapping[str, str] | None = None,
) -> Calculation:
    """A calculator's state for the page's query: nothing submitted (its ``fields`` absent), a
    problem with the input (``parse``), or its rule's result on 31 December of the year the
    parsed inputs name."""
    submitted = any(name in query for name in fields)
    values = {name: query.get(name, "") for name in fields}
    if not submitted:
        values.update(defaults or {})
    calculation = Calculation(values=values, submitted=submitted)
    if not submitted or found is None:
        return calculation
    inputs, problem = parse(values)
    if problem is not None or inputs is None:
        calculation.problem = problem
        return calculation
    _run(calculation, found, inputs, inputs.year)
    return calculation


def calculate(found: tuple[Rule, ParameterSet] | None, query: Mapping[str, str]) -> Calculation:
    """The reward calculator (a claim's loans default to 0)."""
    return _calculate(found, query, FORM_FIELDS, parse_claim, {"shareholder_loans_usd": "0"})


def calculate_insurance(
    found: tuple[Rule, ParameterSet] | None, query: Mapping[str, str]
) -> Calculation:
    """The export credit insurance calculator (size class and discounts)."""
    return _calculate(found, query, INSURANCE_FIELDS, parse_enterprise)


def trade_rule(name: str) -> tuple[Rule, ParameterSet] | None:
    """The trade pack's rule ``name`` and the pack's parameters; None when either cannot be
    loaded (the page then says the calculator is not available rather than failing)."""
    try:
        from policyledger.packs.trade import pack

        rule = next((r for r in pack.rules if r.id == name), None)
        return (rule, pack.parameters) if rule is not None else None
    except (ImportError, RulesError):
        return None


def reward_rule() -> tuple[Rule, ParameterSet] | None:
    """The reward rule and the trade pack's parameters (None when they cannot be loaded)."""
    return trade_rule(REWARD_RULE)


def insurance_rule() -> tuple[Rule, ParameterSet] | None:
    """The export credit insurance rule and the trade pack's parameters (None likewise)."""
    return trade_rule(INSURANCE_RULE)


def load_investor_page(session: Session, query: Mapping[str, str]) -> InvestorPage:
    """The page for the visitor's query: empty when the notice is not published."""
    document = published_notice(session)
    if document is None:
        return InvestorPage()
    incentives, document_en = load_incentives(session, document)
    found = reward_rule()
    insurance = insurance_rule()
    return InvestorPage(
        document=document,
        document_en=document_en,
        incentives=incentives,
        calculator_ready=found is not None,
        calculation=calculate(found, query),
        insurance_ready=insurance is not None,
        insurance=calculate_insurance(insurance, query),
    )


# --- showing the result ------------------------------------------------------------------------

MISSING_LABELS = {  # the form's label of each fact the rule may find missing
    "kind": "iv_kind",
    "industry_section": "iv_section",
    "quasi_finance": "iv_quasi_finance",
    "received_usd": "iv_received",
    "shareholder_loans_usd": "iv_loans",
    "other_support_same_direction": "iv_other_support",
    "exports_usd": "iv_ins_exports",
    "on_unified_platform": "iv_ins_platform",
    "little_giant": "iv_ins_little_giant",
}


ENGLISH_UNITS = {"美元": "USD", "元": "yuan", "元/美元": "yuan/USD", "年": ""}


def _named(item: Interpretation, value: str, lang: str) -> str:
    """A parameter's choice as the UI strings name it (``iv_value_<name>_<choice>``), else as
    it is written."""
    from policyledger.web.i18n import translate

    key = f"iv_value_{item.key.rsplit('.', 1)[-1]}_{value}"
    named = translate(key, lang)
    return value if named == key else named


def parameter_text(item: Interpretation, lang: str) -> str:
    """A parameter's value in words: a choice (or yes/no) named in the UI strings, a list of
    them, a number with thousands separators and its unit, or "not set"."""
    from policyledger.web.i18n import translate

    value = item.value
    if value is None:
        return translate("iv_not_set", lang)
    if isinstance(value, bool):
        named = _named(item, "true" if value else "false", lang)
        return named if named not in ("true", "false") else translate(f"iv_{named}", lang)
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(_named(item, str(v), lang) for v in value)
    if isinstance(value, str):
        return _named(item, value, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:g}" if item.unit in ("年", "%") else f"{value:,}"
        unit = item.unit or ""
        if lang == "en":
            unit = ENGLISH_UNITS.get(unit, unit)
        return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".strip()
    return str(value)


_CJK_RUN = re.compile(r"(?:[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+\d*)+")


def language_runs(line: str) -> list[tuple[str, bool]]:
    """``line`` cut into (piece, Chinese?) pieces, so that the Chinese a rule's English line
    quotes (a clause path such as 三、（八）26) can be marked ``lang="zh-CN"``."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _CJK_RUN.finditer(line):
        if not re.search(r"[\u4e00-\u9fff]", match.group()):
            continue  # punctuation alone stays with the English around it
        if match.start() > at:
            pieces.append((line[at : match.start()], False))
        pieces.append((match.group(), True))
        at = match.end()
    if at < len(line):
        pieces.append((line[at:], False))
    return pieces
