"""Checking an application for the foreign-capital reward (《建设高质量外资集聚地三年行动计划》
三、（四）10) against what ``trade.reward`` says the project's year is entitled to.

``trade.application_check`` takes one application, the project's year from the project library
(``None`` when the library has no such project-year) and the other applications of the same
project and year. It lists the problems (applied or approved more than entitled, approved
although the rule refuses, refused without a reason, paid without approval or more than
approved, a second reward for the same project and year — 同一方向不重复支持) and suggests
what to do: approve min(applied, entitled), refuse with the rule's reasons, or check by hand.
Run it on 31 December of the application's year, as ``trade.reward``::

    pack.run("trade.application_check", {"application": a, "claim": c, "others": []},
             dt.date(a.year, 12, 31))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Annotated, Literal

from policyledger.packs.trade.clauses import REWARD_CAP, REWARD_GENERAL
from policyledger.packs.trade.inputs import Application, RewardClaim
from policyledger.packs.trade.reward import Notes, RewardResult, amount, reward
from policyledger.rules import ParameterView, RuleInputError, label, rule

Suggestion = Literal["approve", "refuse", "check"]
GRANTED = ("approved", "paid")


@dataclass(frozen=True)
class ApplicationCheckInput:
    """An application, its project-year in the library, and the project-year's other ones."""

    application: Annotated[Application, label("奖励申报")]
    claim: Annotated[RewardClaim | None, label("项目库中该项目该年度的到资情况")] = None
    others: Annotated[list[Application], label("同一项目同一年度的其他申报")] = field(
        default_factory=list
    )


@dataclass(frozen=True)
class ApplicationCheckResult:
    """What the check found and what it suggests."""

    application: Annotated[str, label("申报编号")]
    entitled_cny: Annotated[float | None, label("按规则核定的奖励", "元")]
    reward: Annotated[RewardResult | None, label("奖励规则的结论（trade.reward）")]
    problems: Annotated[list[str], label("问题")]
    problems_en: Annotated[list[str], label("问题（英文）")]
    suggestion: Annotated[Suggestion, label("建议（approve 核定/refuse 不予支持/check 人工核实）")]
    suggested_cny: Annotated[float | None, label("建议核定金额", "元")]
    suggestion_reason: Annotated[str, label("建议理由")]
    suggestion_reason_en: Annotated[str, label("建议理由（英文）")]


def check_inputs(inputs: ApplicationCheckInput, p: ParameterView) -> None:
    """Refuse inputs that do not belong together, in one line."""
    a = inputs.application
    if p.on.year != a.year:
        raise RuleInputError(
            f"trade.application_check for {a.id} ({a.year}) must be run on a date in {a.year} "
            f"(31 December), not {p.on}"
        )
    c = inputs.claim
    if c is not None and (c.project, c.year) != (a.project, a.year):
        raise RuleInputError(
            f"application {a.id} is for {a.project} {a.year}, but the claim given is for "
            f"{c.project} {c.year}"
        )
    for other in inputs.others:
        if other.id == a.id:
            raise RuleInputError(f"others: application {a.id} is listed among its own others")
        if (other.project, other.year) != (a.project, a.year):
            raise RuleInputError(
                f"others: application {other.id} is for {other.project} {other.year}, not "
                f"{a.project} {a.year}"
            )


def money_problems(a: Application, entitled: float | None, found: Notes) -> None:
    """Amounts: applied, approved and paid against each other and against the entitlement."""
    applied, approved, paid = a.applied_cny, a.approved_cny, a.paid_cny
    if applied is None:
        found.add("申报金额未填写", "the amount applied for is empty")
    elif applied <= 0:
        found.add(
            f"申报金额 {amount(applied)} 元应大于0", f"{amount(applied)} yuan applied: not > 0"
        )
    elif entitled is not None and applied > entitled:
        found.add(
            f"申报金额 {amount(applied)} 元超过按规则核定的 {amount(entitled)} 元",
            f"{amount(applied)} yuan applied for is more than the {amount(entitled)} yuan entitled",
        )
    if approved is not None and entitled is not None and approved > entitled:
        found.add(
            f"核定金额 {amount(approved)} 元超过按规则核定的 {amount(entitled)} 元",
            f"{amount(approved)} yuan approved is more than the {amount(entitled)} yuan entitled",
        )
    if approved is not None and applied is not None and approved > applied:
        found.add(
            f"核定金额 {amount(approved)} 元超过申报金额 {amount(applied)} 元",
            f"{amount(approved)} yuan approved is more than the {amount(applied)} yuan applied for",
        )
    if a.status in GRANTED and approved is None:
        found.add("已核定但未填写核定金额", "approved, but the amount approved is empty")
    payment = a.status == "paid" or a.paid is not None or paid is not None
    if payment and (approved is None or a.status not in GRANTED):
        found.add("未经核定即兑付", "paid without an approval")
    elif paid is not None and approved is not None and paid > approved:
        found.add(
            f"兑付金额 {amount(paid)} 元超过核定金额 {amount(approved)} 元",
            f"{amount(paid)} yuan paid is more than the {amount(approved)} yuan approved",
        )
    if a.status == "paid" and (a.paid is None or paid is None):
        found.add("状态为已兑付，但未填写兑付日期或金额", "paid, but the date or amount is empty")


def record_problems(a: Application, found: Notes) -> None:
    """The status, the reason and the order of the dates."""
    if a.status is None:
        found.add("办理状态未填写", "the status is empty")
    if a.status == "refused" and not (a.reason or "").strip():
        found.add("不予支持但未说明理由", "refused without a reason")
    if a.status in ("refused", *GRANTED) and a.decided is None:
        found.add("已作决定但未填写决定日期", "decided, but the date of the decision is empty")
    steps = (("申报", "submitted", a.submitted), ("决定", "decided", a.decided))
    steps += (("兑付", "paid", a.paid),)
    known = [(zh, en, day) for zh, en, day in steps if day is not None]
    for (zh1, en1, day1), (zh2, en2, day2) in itertools.pairwise(known):
        if day2 < day1:
            found.add(
                f"{zh2}日期 {day2} 早于{zh1}日期 {day1}", f"{en2} {day2} is before {en1} {day1}"
            )


@rule(
    "trade.application_check",
    zh="外资奖励申报审核：核定金额、不重复支持与兑付核对",
    en="Foreign-capital reward applications: amounts, one reward per project-year, payments",
    cites=[REWARD_GENERAL, REWARD_CAP],
    uses=[reward],
)
def application_check(inputs: ApplicationCheckInput, p: ParameterView) -> ApplicationCheckResult:
    """用奖励规则（trade.reward）核对一项申报。项目库无该项目该年度记录、规则无法判断时建议人工
    核实（check）；规则判定不符合时建议不予支持（refuse），理由取规则的理由；同一项目同一年度已有
    核定或兑付的申报时，按照同一方向不重复支持的原则建议不予支持；否则建议核定申报金额与规则核定
    金额中的较小者（approve）。问题：申报或核定超过规则核定金额；规则判定不符合或无法判断却已核定；
    不予支持未说明理由；未经核定即兑付、兑付超过核定；同一项目同一年度第二次核定或兑付；日期先后
    颠倒。
    """
    check_inputs(inputs, p)
    a, claim = inputs.application, inputs.claim
    result = None if claim is None else reward(claim, p)
    entitled = None if result is None or result.status == "unknown" else result.amount_cny
    found = Notes()
    if claim is None:
        found.add(
            f"项目库中没有项目 {a.project} {a.year}年度的到资记录，无法核定奖励",
            f"no record of project {a.project} for {a.year} in the project library",
        )
    elif result is not None and result.status == "unknown":
        found.add(
            "项目库记录不足以核定奖励：" + "；".join(result.reasons),
            "the project library cannot settle the reward: " + "; ".join(result.reasons_en),
        )
    granted = a.status in GRANTED
    if granted and result is not None and result.status == "ineligible":
        found.add(
            "已核定，但奖励规则判定不符合：" + "；".join(result.reasons),
            "approved although the rule refuses: " + "; ".join(result.reasons_en),
        )
    elif granted and entitled is None:
        found.add("已核定，但奖励规则无法核定金额", "approved although the rule cannot settle it")
    money_problems(a, entitled, found)
    record_problems(a, found)
    earlier = [o.id for o in inputs.others if o.status in GRANTED]
    listed, listed_en = "、".join(earlier), ", ".join(earlier)
    if earlier:
        if granted:
            found.add(
                f"同一项目同一年度的申报 {listed} 已核定或兑付：同一方向不重复支持，每年只奖励一次",
                f"{listed_en} already approved or paid for this project-year: one reward per "
                "project and year",
            )
        elif a.status != "refused":
            found.add(
                f"同一项目同一年度的申报 {listed} 已核定或兑付，本申报应不予支持",
                f"{listed_en} already approved or paid for this project-year: refuse this one",
            )

    suggestion: Suggestion = "check"
    suggested: float | None = None
    if earlier and granted:
        why = (f"同一项目同一年度重复核定（{listed}），需人工核实", "approved twice: check by hand")
    elif earlier:
        suggestion = "refuse"
        why = (
            f"同一项目同一年度已有申报 {listed} 核定或兑付（同一方向不重复支持）",
            f"{listed_en} already approved or paid for this project-year (no double support)",
        )
    elif result is None:
        why = ("项目库中没有该项目该年度的记录，需补录后核定", "not in the project library: add it")
    elif result.status == "unknown":
        why = ("奖励规则无法判断，需补齐事实", "the rule cannot decide: complete the facts")
    elif result.status == "ineligible":
        suggestion = "refuse"
        why = ("；".join(result.reasons), "; ".join(result.reasons_en))
    elif a.applied_cny is None or a.applied_cny <= 0:
        why = ("申报金额未填写或不大于0，需核实", "the amount applied for is empty or not above 0")
    else:
        suggestion = "approve"
        suggested = min(a.applied_cny, result.amount_cny)
        why = (
            f"核定申报金额 {amount(a.applied_cny)} 元与规则核定 {amount(result.amount_cny)} 元中的"
            f"较小者 {amount(suggested)} 元",
            f"the smaller of {amount(a.applied_cny)} yuan applied for and "
            f"{amount(result.amount_cny)} yuan entitled: {amount(suggested)} yuan",
        )
    return ApplicationCheckResult(
        application=a.id,
        entitled_cny=entitled,
        reward=result,
        problems=found.zh,
        problems_en=found.en,
        suggestion=suggestion,
        suggested_cny=suggested,
        suggestion_reason=why[0],
        suggestion_reason_en=why[1],
    )
