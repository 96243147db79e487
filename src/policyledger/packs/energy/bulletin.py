"""The energy pack's section of the bulletin, "能耗双控晴雨表": when district data exist for
the quarter in force at the bulletin's data date (the latest quarter ended by then), the
districts by warning level with their counts and figures, and the "两高" projects under key
guidance or built before approval — each part citing its clause. Registered as the pack's
bulletin hook (``Pack(bulletin="policyledger.packs.energy.bulletin:sections")``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from policyledger.packs.energy.clauses import (
    BAROMETER_PRACTICE,
    ENERGY_REVIEW,
    QUARTERLY_MONITORING,
    TWO_HIGH,
)
from policyledger.packs.energy.results import (
    EnergyPeriodChoice,
    EnergyResults,
    energy_periods,
    energy_results,
)
from policyledger.reports.bulletin.model import PackSection, SectionTable, Subheading
from policyledger.rules import Citation
from policyledger.storage.periods import Period

TITLE = "能耗双控晴雨表"
LEVELS = {1: "一级预警（红）", 2: "二级预警（黄）", 3: "三级预警（绿）"}
SYNTHETIC = "注：本节数据为合成数据（虚构），仅供演示和测试，不是真实统计数据。"
_LIST_LIMIT = 30


def _quote(citation: Citation) -> str:
    return f"{citation.document} {citation.clause}“{citation.quote}”"


def _choice(session: Session, end: dt.date) -> EnergyPeriodChoice | None:
    """The latest period with district data ended by ``end``: a quarter, or a whole year."""
    ended = [c for c in energy_periods(session) if c.end <= end]
    return max(ended, key=lambda c: (c.end, c.quarter is None), default=None)


def _pct(value: float) -> str:
    text = f"{value:.2f}"
    return text.replace("-", "−")


def _barometer_blocks(results: EnergyResults) -> list:
    period = results.period.text
    blocks: list = [Subheading("（一）区县预警等级")]
    if results.barometer_error:
        return [*blocks, f"本期无法计算预警等级：{results.barometer_error}"]
    counts = results.levels
    listed = "、".join(f"{LEVELS[level]}{counts[level]}个" for level in (1, 2, 3))
    blocks.append(
        f"按{period}（自年初累计）各区县单位地区生产总值能耗比上年同期的变化，"
        f"{len(results.districts)}个区县中{listed}。依据：{_quote(QUARTERLY_MONITORING)}；"
        f"{_quote(BAROMETER_PRACTICE)}。"
    )
    rows = []
    for level in (1, 2, 3):
        names = [d.district for d in results.districts if d.level == level]
        rows.append([LEVELS[level], str(len(names)), "、".join(names) or "—"])
    blocks.append(SectionTable(["预警等级", "区县数", "区县"], rows, [32, 16, 108], (1,)))
    detail = []
    for d in results.districts:
        if d.result is None:
            detail.append([d.district, "—", "—", "—", "—", d.problem or ""])
            continue
        r = d.result
        detail.append(
            [
                d.district,
                LEVELS[r.level][:4],
                f"{r.intensity:.4f}",
                _pct(r.reduction_vs_previous),
                _pct(r.reduction_vs_base),
                _pct(r.required_reduction),
            ]
        )
    headers = [
        "区县",
        "等级",
        "能耗强度（吨标准煤/万元）",
        "比上年同期降低%",
        "比2020年同期降低%",
        "进度要求%",
    ]
    blocks.append(SectionTable(headers, detail, [30, 20, 28, 26, 28, 24], (2, 3, 4, 5)))
    return blocks


def _two_high_blocks(results: EnergyResults) -> list:
    blocks: list = [Subheading("（二）“两高”项目")]
    if results.two_high_error:
        return [*blocks, f"无法判断“两高”项目：{results.two_high_error}"]
    outcome = results.two_high
    if outcome is None:
        return [*blocks, "尚未报送“两高”项目清单。"]
    blocks.append(
        f"报送项目{len(results.projects)}个，列入“两高”项目工作清单{outcome.listed}个，其中年综合"
        f"能源消费量5000吨标准煤（当量值）及以上、加强工作指导{outcome.key_guidance}个；"
        f"未批先建{outcome.unapproved_start}个。依据：{_quote(TWO_HIGH)}；{_quote(ENERGY_REVIEW)}。"
    )
    shown = [p for p in results.projects if p.finding.key_guidance or p.finding.unapproved_start]
    if not shown:
        return blocks
    rows = []
    for number, line in enumerate(shown[:_LIST_LIMIT], start=1):
        finding = line.finding
        marks = (["加强工作指导"] if finding.key_guidance else []) + finding.flags
        rows.append(
            [
                str(number),
                f"{line.record.name}\n{line.record.code}",
                line.record.district or "—",
                finding.sector,
                f"{finding.energy_use:,.0f}",
                "；".join(marks),
            ]
        )
    headers = ["序号", "项目（代码）", "区县", "行业", "年综合能耗（吨标准煤）", "情况"]
    blocks.append(SectionTable(headers, rows, [10, 42, 22, 18, 22, 42], (4,)))
    if len(shown) > _LIST_LIMIT:
        blocks.append(f"其余{len(shown) - _LIST_LIMIT}个见能耗双控页面。")
    return blocks


def sections(session: Session, period: Period) -> list[PackSection]:
    """The energy section of the bulletin of ``period``, or none without district data."""
    choice = _choice(session, period.end)
    if choice is None:
        return []
    results = energy_results(session, choice)
    blocks: list = [
        f"本节为{choice.text}能耗强度降低预警（晴雨表）和“两高”项目情况，"
        "由政策台账按规则计算（policyledger rules explain energy.barometer）。"
    ]
    if results.synthetic:
        blocks.append(SYNTHETIC)
    blocks += _barometer_blocks(results)
    blocks += _two_high_blocks(results)
    return [PackSection("energy", TITLE, blocks)]
