"""The trade pack's section of the bulletin, "外资奖励兑现与外商投诉办理情况": when the ledger
holds reward records of the reward years up to the period's year or complaints received by the
period's end, the foreign-capital reward per district (entitled by ``trade.reward``; approved,
paid and waiting as at the period's end, from the applications' dates) with the decisions and
payments of the period, the complaints of foreign-invested enterprises received, closed and
overdue (``trade.complaints`` on the period's last day), and one paragraph of the latest
full-year trade figures against the trade plan's 2024 targets (``trade.indicators``) — each
part citing its clause. Registered as the pack's bulletin hook
(``Pack(bulletin="policyledger.packs.trade.bulletin:sections")``).

An approval or payment whose date is not recorded is counted as taken (the ledger cannot place
it in time); the published trade figures alone do not make the section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packs.trade.clauses import (
    COMPLAINTS,
    REWARD_GENERAL,
    TRADE_GOALS,
    TRADE_IMPORTS,
    TRADE_MODES,
    TRADE_PLAN,
    TRADE_REGIONS,
)
from policyledger.packs.trade.indicators import STATUS_ZH
from policyledger.packs.trade.library import ApplicationRecord
from policyledger.packs.trade.regions import fmt
from policyledger.packs.trade.results import (
    ApplicationLine,
    ComplaintsBlock,
    IndicatorsBlock,
    application_checks,
    complaints_ledger,
    figure_years,
    reward_totals,
    trade_indicators,
)
from policyledger.packs.trade.totals import RewardTotal
from policyledger.reports.bulletin.model import PackSection, SectionTable, Subheading
from policyledger.reports.bulletin.text import date_text, period_text
from policyledger.rules import Citation, RulesError
from policyledger.storage.periods import Period

TITLE = "外资奖励兑现与外商投诉办理情况"
SYNTHETIC = "合成数据（虚构，仅供演示）"
NO_DISTRICT = "（项目库外）"
DECIDED = ("approved", "refused", "paid")
_LIST_LIMIT = 30


def _quote(citation: Citation) -> str:
    return f"{citation.document} {citation.clause}“{citation.quote}”"


def yuan(value: float) -> str:
    """An amount in yuan as the section prints it: 1,234,567.00."""
    return f"{value:,.2f}"


def _within(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def submitted_by(app: ApplicationRecord, end: dt.date) -> bool:
    """The application exists on ``end`` (an undated one is taken as submitted)."""
    return app.submitted is None or app.submitted <= end


def decided_by(app: ApplicationRecord, end: dt.date) -> bool:
    """A decision on the application was taken by ``end`` (undated: as its status says)."""
    if app.decided is not None:
        return app.decided <= end
    return app.status in DECIDED


def paid_by(app: ApplicationRecord, end: dt.date) -> bool:
    """The application's payment was made by ``end`` (undated: when an amount is recorded)."""
    if app.paid is not None:
        return app.paid <= end
    return app.paid_cny is not None


@dataclass
class DistrictReward:
    """One district's rewards of the years up to the period's, as at the period's end."""

    district: str
    entitled_cny: float = 0.0
    approved_cny: float = 0.0
    paid_cny: float = 0.0
    waiting: int = 0
    unknown: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: DistrictReward) -> None:
        for name in ("entitled_cny", "approved_cny", "paid_cny", "waiting", "unknown"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def cells(self) -> list[str]:
        amounts = (self.entitled_cny, self.approved_cny, self.paid_cny)
        return [self.district, *(yuan(a) for a in amounts), str(self.waiting)]


def district_rewards(
    totals: list[RewardTotal], applications: list[ApplicationLine], period: Period
) -> dict[str, DistrictReward]:
    """Per district: entitled from the totals lines, approved, paid and waiting from the
    applications (all of reward years up to the period's), as at the period's end."""
    end, out = period.end, {}

    def line(district: str | None) -> DistrictReward:
        name = district or NO_DISTRICT
        return out.setdefault(name, DistrictReward(name))

    for total in totals:
        if total.year <= end.year:
            row = line(total.district)
            row.entitled_cny += total.entitled_cny
            row.unknown += total.unknown
            row.errors += total.errors
    for item in applications:
        app = item.application
        if app.year > end.year or not submitted_by(app, end):
            continue
        row = line(item.district)
        if decided_by(app, end):
            row.approved_cny += app.approved_cny or 0.0
        else:
            row.waiting += 1
        if paid_by(app, end):
            row.paid_cny += app.paid_cny or 0.0
    return out


def _reward_blocks(
    totals: list[RewardTotal], applications: list[ApplicationLine], period: Period
) -> list:
    blocks: list = [Subheading("（一）外资到位奖励兑现")]
    rows = sorted(
        district_rewards(totals, applications, period).values(),
        key=lambda r: (r.district == NO_DISTRICT, -r.entitled_cny, r.district),
    )
    years = sorted({t.year for t in totals if t.year <= period.end.year})
    span = f"{years[0]}—{years[-1]}" if len(years) > 1 else f"{years[0]}" if years else "—"
    city = DistrictReward("合计")
    for r in rows:
        city.add(r)
    apps = [i.application for i in applications if i.application.year <= period.end.year]
    decided = [a for a in apps if _within(a.decided, period)]
    approved = [a for a in decided if a.status in ("approved", "paid")]
    paid = [a for a in apps if _within(a.paid, period)]
    text = (
        f"奖励年度{span}年，按规则应得奖励合计{yuan(city.entitled_cny)}元；截至"
        f"{date_text(period.end)}，已核定{yuan(city.approved_cny)}元、已兑付"
        f"{yuan(city.paid_cny)}元，待审核申报{city.waiting}件。本期作出审核决定{len(decided)}件"
        f"（核定{len(approved)}件、{yuan(sum(a.approved_cny or 0.0 for a in approved))}元，"
        f"不予支持{sum(a.status == 'refused' for a in decided)}件），兑付{len(paid)}件、"
        f"{yuan(sum(a.paid_cny or 0.0 for a in paid))}元。"
    )
    if city.unknown or city.errors:
        text += f"另有{city.unknown + len(city.errors)}个项目年度信息不全或不在项目库，无法测算。"
    blocks.append(f"{text}依据：{_quote(REWARD_GENERAL)}。")
    table = [r.cells() for r in [*rows, city]]
    headers = ["区县", "应得奖励（元）", "已核定（元）", "已兑付（元）", "待审核申报（件）"]
    blocks.append(SectionTable(headers, table, [32, 34, 32, 32, 26], (1, 2, 3, 4)))
    return blocks


def _complaint_blocks(block: ComplaintsBlock, period: Period) -> list:
    blocks: list = [Subheading("（二）外商投资企业投诉办理")]
    if not block.complaints:
        return [*blocks, f"截至{date_text(period.end)}，台账尚无外商投资企业投诉。"]
    if block.error or block.result is None:
        return [*blocks, f"无法计算投诉台账：{block.error}"]
    result = block.result
    closed = {c.id: c.closed for c in block.complaints}
    received = sum(_within(c.received, period) for c in block.complaints)
    done = [s for s in result.complaints if s.state == "closed" and _within(closed[s.id], period)]
    on_time = sum(s.answered_on_time is True for s in done)
    blocks.append(
        f"截至{date_text(period.end)}，台账登记投诉{result.totals.total}件。本期收到{received}件，"
        f"办结{len(done)}件（按期{on_time}件、超期{len(done) - on_time}件）；期末逾期未办结"
        f"{len(result.overdue)}件（逾期按工作日计）。依据：{_quote(COMPLAINTS)}。"
    )
    if not result.overdue:
        return blocks
    rows = []
    for o in result.overdue[:_LIST_LIMIT]:
        dates = (o.received.isoformat(), o.deadline.isoformat())
        rows.append([o.id, o.enterprise, o.body or "未指定", *dates, str(o.days_overdue)])
    headers = ["投诉编号", "投诉企业", "承办单位", "收到日期", "办结期限", "逾期工作日"]
    blocks.append(SectionTable(headers, rows, [34, 34, 20, 24, 24, 20], (5,)))
    if len(result.overdue) > _LIST_LIMIT:
        blocks.append(f"其余{len(result.overdue) - _LIST_LIMIT}件见投诉台账页面。")
    return blocks


def indicator_year(session: Session, end: dt.date) -> int | None:
    """The latest year with figures that ended before ``end``'s year and is not after the
    plan's target year."""
    from policyledger.packs.trade import pack

    for year in figure_years(session):
        if year >= end.year:
            continue
        try:
            last = pack.parameters.get("indicators.target_year", on=dt.date(year, 12, 31))
        except RulesError:
            continue
        if year <= int(last):
            return year
    return None


def _indicator_blocks(block: IndicatorsBlock | None) -> list:
    blocks: list = [Subheading("（三）外贸进出口目标完成情况")]
    if block is None:
        return [*blocks, "尚无可对照目标的已结束年度外贸进出口全年数据。"]
    if block.error or block.result is None:
        return [*blocks, f"无法对照外贸目标：{block.error}"]
    year, parts, missing, sources = block.year, [], [], []
    titles = {
        " ".join(s for s in (f.source_title, f.source_url) if s): f.source_title or f.source_url
        for f in block.figures
    }
    for row in block.result.rows:
        name, latest = f"{row.scope_zh}{row.indicator_zh}", row.latest
        if latest is None:
            missing.append(name)
            continue
        value = f"{latest.value:,.2f}" if row.unit == "%" else fmt(latest.value)
        value = ("超过" if latest.lower_bound else "") + value + row.unit
        aim = f"目标{row.comparison}{fmt(row.target)}{row.unit}"
        if latest.year == year:
            parts.append(f"{name}{value}（{aim}，{STATUS_ZH[row.status]}）")
        else:
            status = "无全年数据" if row.status == "no_data" else STATUS_ZH[row.status]
            parts.append(f"{name}{year}年{status}（最近全年为{latest.year}年{value}，{aim}）")
        source = titles.get(latest.source or "", latest.source)
        if source and source not in sources:
            sources.append(source)
    text = f"按{year}年及以前的全年公开数据对照{block.result.target_year}年目标："
    text += "；".join(parts)
    if missing:
        text += f"{'；' if parts else ''}{'、'.join(missing)}无全年数据"
    text += "。"
    if sources:
        text += f"来源：{'；'.join(sources)}。"
    heading = f"{TRADE_PLAN}三、（二）"
    items = "、".join(
        c.clause.removeprefix(heading) for c in (TRADE_IMPORTS, TRADE_MODES, TRADE_REGIONS)
    )
    blocks.append(f"{text}依据：{_quote(TRADE_GOALS)}；{heading}{items}。")
    return blocks


def sections(session: Session, period: Period) -> list[PackSection]:
    """The trade section of the bulletin of ``period``, or none without reward or complaint
    records relevant to it."""
    try:
        totals = reward_totals(session)
        lines, reward_error, flagged = totals.districts, None, totals.synthetic
    except RulesError as error:
        lines, reward_error, flagged = [], str(error), False
    applications, apps_synthetic = application_checks(session)
    applications = [a for a in applications if a.application.year <= period.end.year]
    complaints = complaints_ledger(session, period.end)
    has_rewards = any(t.year <= period.end.year for t in lines) or bool(applications)
    if not has_rewards and not complaints.complaints:
        return []
    year = indicator_year(session, period.end)
    indicators = trade_indicators(session, year) if year is not None else None
    blocks: list = [
        f"本节为{period_text(period)}外资到位奖励兑现、外商投资企业投诉办理和外贸进出口目标"
        "完成情况，由政策台账按规则计算（policyledger rules explain trade.reward、"
        "trade.complaints、trade.indicators）。"
    ]
    synthetic = [
        name
        for name, flag in (
            ("外资奖励", flagged or apps_synthetic),
            ("外商投诉", complaints.synthetic),
            ("外贸进出口", indicators is not None and indicators.synthetic),
        )
        if flag
    ]
    if synthetic:
        note = f"注：本节{'、'.join(synthetic)}数据为{SYNTHETIC}，不是真实数据。"
        if indicators is not None and not indicators.synthetic:
            note += "外贸进出口数据为公开发布的真实数据。"
        blocks.append(note)
    if reward_error is not None:
        blocks += [Subheading("（一）外资到位奖励兑现"), f"无法测算奖励：{reward_error}"]
    else:
        blocks += _reward_blocks(lines, applications, period)
    blocks += _complaint_blocks(complaints, period)
    blocks += _indicator_blocks(indicators)
    return [PackSection("trade", TITLE, blocks)]
