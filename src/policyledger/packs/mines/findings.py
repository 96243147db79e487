"""Findings: what a compliance rule says about one mine, check by check.

Every compliance rule of the mines pack returns a :class:`MineFindings`: the mine, the rule's
overall status and one :class:`Finding` per check. A finding names the clause it applies
(``clause`` to show; ``document`` and ``clause_path`` to look its text up with
:func:`policyledger.rules.clauses.clause_text`), the facts that decided it (``None`` = not
reported), why, and what would fix it (Chinese and English). Statuses:

- ``pass``: the facts meet the clause;
- ``fail``: they do not (for a clause that says 原则上 the obligation is ``in_principle``: an
  approved exception may exist);
- ``unknown``: a fact the check needs is missing — never a silent pass;
- ``not_applicable``: the clause does not apply to this mine (its type, status, size …);
- ``advised``: a clause that only encourages (鼓励), or a target not yet due (到2025年年底),
  is not met.

A rule's status is the worst of its findings in the order fail, unknown, advised, pass,
not_applicable. :class:`Check` builds the findings of one check concisely.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from policyledger.packs.mines.inputs import Mine, fact_label
from policyledger.rules import Citation, label

Status = Literal["pass", "fail", "unknown", "not_applicable", "advised"]
Obligation = Literal["required", "in_principle", "encouraged", "target"]
_ORDER: tuple[Status, ...] = ("fail", "unknown", "advised", "pass", "not_applicable")


@dataclass(frozen=True)
class Finding:
    """One check of one clause on one mine."""

    check: Annotated[str, label("检查项")]
    requirement: Annotated[str, label("要求")]
    clause: Annotated[str, label("条款")]
    status: Annotated[Status, label("结论（pass/fail/unknown/not_applicable/advised）")]
    facts: Annotated[dict[str, Any], label("依据的事实（空为未填报）")]
    reason: Annotated[str, label("理由")]
    fix_zh: Annotated[str, label("整改建议")] = ""
    fix_en: Annotated[str, label("What would fix it")] = ""
    obligation: Annotated[
        Obligation, label("约束性（required/in_principle/encouraged/target）")
    ] = "required"
    document: Annotated[str, label("文号")] = ""
    clause_path: Annotated[str, label("条款路径（如 二、（四）1）")] = ""


@dataclass(frozen=True)
class MineFindings:
    """A rule's findings on one mine; ``status`` is the worst of the findings."""

    rule: Annotated[str, label("规则")]
    mine: Annotated[str, label("矿山编号")]
    mine_name: Annotated[str, label("矿山名称")]
    district: Annotated[str | None, label("区县")]
    blacklisted: Annotated[bool | None, label("列入“黑名单”")]
    status: Annotated[Status, label("结论")]
    findings: Annotated[list[Finding], label("检查项")] = field(default_factory=list)


def worst(statuses: Iterable[Status]) -> Status:
    """The worst status (fail > unknown > advised > pass > not_applicable)."""
    found = set(statuses)
    return next((s for s in _ORDER if s in found), "not_applicable")


def result(rule_id: str, mine: Mine, findings: list[Finding]) -> MineFindings:
    return MineFindings(
        rule=rule_id,
        mine=mine.id,
        mine_name=mine.name,
        district=mine.district,
        blacklisted=mine.blacklisted,
        status=worst(f.status for f in findings),
        findings=findings,
    )


class Check:
    """Builds the finding of one check of ``mine`` against ``citation``.

    ``facts`` names the mine's fields the check reads (their values are recorded); extra
    ``name=value`` facts (thresholds, computed values) can be added with :meth:`note`."""

    def __init__(
        self,
        mine: Mine,
        name: str,
        citation: Citation,
        requirement: str,
        *facts: str,
        obligation: Obligation = "required",
    ) -> None:
        self.mine = mine
        self.name = name
        self.citation = citation
        self.requirement = requirement
        self.obligation = obligation
        self.facts: dict[str, Any] = {}
        self.read(*facts)

    def read(self, *names: str) -> Check:
        """Record the mine's facts ``names``."""
        for name in names:
            value = getattr(self.mine, name)
            self.facts[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return self

    def note(self, **values: Any) -> Check:
        """Record computed facts (``days_overdue=3``)."""
        self.facts.update(values)
        return self

    def _make(self, status: Status, reason: str, fix: tuple[str, str] = ("", "")) -> Finding:
        return Finding(
            check=self.name,
            requirement=self.requirement,
            clause=self.citation.cite(),
            status=status,
            facts=dict(self.facts),
            reason=reason,
            fix_zh=fix[0],
            fix_en=fix[1],
            obligation=self.obligation,
            document=self.citation.document,
            clause_path=self.citation.clause,
        )

    def missing(self, *names: str) -> Finding | None:
        """An ``unknown`` finding if any of the facts ``names`` is not reported, else None."""
        self.read(*names)
        absent = [n for n in names if getattr(self.mine, n) is None]
        if not absent:
            return None
        return self.unknown(*absent)

    def unknown(self, *absent: str) -> Finding:
        labels = "、".join(fact_label(n) for n in absent)
        return self._make(
            "unknown",
            f"未填报：{labels}，无法判断",
            (f"补充填报：{labels}", f"Report the missing facts: {', '.join(absent)}"),
        )

    def passed(self, reason: str) -> Finding:
        return self._make("pass", reason)

    def not_applicable(self, reason: str) -> Finding:
        return self._make("not_applicable", reason)

    def failed(self, reason: str, fix_zh: str, fix_en: str) -> Finding:
        status: Status = "advised" if self.obligation in ("encouraged", "target") else "fail"
        return self._make(status, reason, (fix_zh, fix_en))

    def due(self, reason: str, fix_zh: str, fix_en: str) -> Finding:
        """A target that has fallen due and is not met: ``fail`` whatever the obligation."""
        return self._make("fail", reason, (fix_zh, fix_en))


def scope(
    check: Check,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
) -> Finding | None:
    """The finding when the mine is outside the check's scope (its type or status), or when
    the fact deciding that is missing; None when the check applies."""
    mine = check.mine
    if types is not None:
        wanted = tuple(types)
        if (found := check.missing("type")) is not None:
            return found
        if mine.type not in wanted:
            return check.not_applicable(
                f"矿山类型为{TYPE_ZH[mine.type]}，本条适用于"
                + "、".join(TYPE_ZH[t] for t in wanted)
            )
    if statuses is not None:
        wanted = tuple(statuses)
        if (found := check.missing("status")) is not None:
            return found
        if mine.status not in wanted:
            return check.not_applicable(
                f"矿山状态为{STATUS_ZH[mine.status]}，本条适用于"
                + "、".join(STATUS_ZH.get(s, s) for s in wanted)
            )
    return None


TYPE_ZH = {"open_pit": "露天矿山", "underground": "地下矿山", "tailings_pond": "尾矿库"}
STATUS_ZH = {"construction": "基建", "producing": "生产", "suspended": "停产", "closed": "关闭"}
SIZE_ZH = {"large": "大型", "medium": "中型", "small": "小型"}


def flag(c: Check, fact: str, wanted: bool, fix_zh: str, fix_en: str) -> Finding:
    """The finding of a yes/no fact that must be ``wanted`` (unknown when not reported)."""
    found = c.missing(fact)
    if found is not None:
        return found
    value = getattr(c.mine, fact)
    said = f"{fact_label(fact)}：{'是' if value else '否'}"
    if value == wanted:
        return c.passed(said)
    return c.failed(said, fix_zh, fix_en)


def exceeds(value: float | None, threshold: float) -> bool | None:
    """``value > threshold`` (超过: strictly), None when the value is unknown."""
    return None if value is None else value > threshold


def any_of(*values: bool | None) -> bool | None:
    """Three-valued or: True if one is True, False if all are False, else None."""
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def all_of(*values: bool | None) -> bool | None:
    """Three-valued and: False if one is False, True if all are True, else None."""
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None
