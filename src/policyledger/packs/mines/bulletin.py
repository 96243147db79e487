"""The mines pack's section of the bulletin, "非煤矿山安全监管月度排名": when districts'
monthly enforcement records exist for a month within the bulletin's period (the latest such
month), the ranking with what each score is made of and the weights, the major hazards overdue
at the month's end with their escalation, and the blacklisted enterprises — each part citing its
clause. Registered as the pack's bulletin hook
(``Pack(bulletin="policyledger.packs.mines.bulletin:sections")``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from policyledger.packs.mines.clauses import BLACKLIST, ENFORCEMENT, ESCALATION, FIVE_ITEMS
from policyledger.packs.mines.results import MineMonth, MinesResults, mine_months, mines_results
from policyledger.reports.bulletin.model import PackSection, SectionTable, Subheading
from policyledger.rules import Citation
from policyledger.storage.periods import Period

TITLE = "非煤矿山安全监管月度排名"
SYNTHETIC = "注：本节数据为合成数据（虚构），仅供演示和测试，不是真实矿山或执法数据。"
_LIST_LIMIT = 30


def _quote(citation: Citation) -> str:
    return f"{citation.document} {citation.clause}“{citation.quote}”"


def _month(session: Session, period: Period) -> MineMonth | None:
    """The latest month with district records that ends within ``period``."""
    inside = [m for m in mine_months(session) if period.start <= m.end <= period.end]
    return max(inside, key=lambda m: m.end, default=None)


def _ranking_blocks(results: MinesResults) -> list:
    blocks: list = [Subheading("（一）重点区县执法月排名")]
    if results.ranking_error:
        return [*blocks, f"本月无法计算排名：{results.ranking_error}"]
    ranking = results.ranking
    if ranking is None or not ranking.districts:
        return [*blocks, "本月尚无区县执法情况。"]
    weights = "、".join(f"{p.label}{p.weight:g}分" for p in ranking.districts[0].parts)
    blocks.append(
        f"{len(ranking.districts)}个区县按{weights}计分（每项得分 = 值 × 权重，合计为总分）。"
        f"依据：{_quote(ENFORCEMENT)}。"
    )
    rows = []
    for d in ranking.districts:
        parts = "；".join(f"{p.label}（{p.detail}）{p.contribution:.1f}" for p in d.parts)
        marks = f"\n黑名单：{'、'.join(d.blacklisted)}" if d.blacklisted else ""
        missing = f"\n数据缺失按0计：{'、'.join(d.missing)}" if d.missing else ""
        rows.append([str(d.rank), d.district, f"{d.score:.1f}", parts + marks + missing])
    blocks.append(
        SectionTable(["名次", "区县", "得分", "得分构成"], rows, [12, 30, 16, 98], (0, 2))
    )
    return blocks


def _hazard_blocks(results: MinesResults) -> list:
    blocks: list = [Subheading("（二）逾期未整改重大隐患")]
    if results.hazards_error:
        return [*blocks, f"无法判断隐患整改情况：{results.hazards_error}"]
    ledger = results.hazards
    if ledger is None:
        return [*blocks, "尚未报送隐患台账。"]
    blocks.append(
        f"截至{ledger.on.isoformat()}，未整改隐患{ledger.open}条，其中逾期{ledger.overdue}条、"
        f"逾期重大隐患{ledger.major_overdue}条，升级督办{ledger.escalated}条，"
        f"“五落实”不全{ledger.five_items_incomplete}条。依据：{_quote(FIVE_ITEMS)}；"
        f"{_quote(ESCALATION)}。"
    )
    shown = results.major_overdue
    if not shown:
        return blocks
    rows = []
    for h in shown[:_LIST_LIMIT]:
        mine = h.mine_name or h.mine
        if h.blacklisted:
            mine += "（黑名单）"
        rows.append(
            [
                h.id,
                mine,
                h.district or "—",
                h.deadline.isoformat() if h.deadline else "—",
                str(h.days_overdue if h.days_overdue is not None else "—"),
                h.escalation or "—",
            ]
        )
    headers = ["隐患编号", "矿山", "区县", "整改时限", "逾期天数", "督办"]
    blocks.append(SectionTable(headers, rows, [30, 34, 22, 20, 14, 36], (4,)))
    if len(shown) > _LIST_LIMIT:
        blocks.append(f"其余{len(shown) - _LIST_LIMIT}条见隐患台账页面。")
    return blocks


def _blacklist_blocks(results: MinesResults) -> list:
    blocks: list = [Subheading("（三）列入“黑名单”的企业")]
    listed = results.blacklisted
    if not listed:
        return [*blocks, "登记的矿山中没有列入“黑名单”的企业。"]
    names = "、".join(
        f"{m.enterprise or m.name}（{m.name}，{m.district or '未填区县'}）" for m in listed
    )
    return [*blocks, f"{names}。依据：{_quote(BLACKLIST)}。"]


def sections(session: Session, period: Period) -> list[PackSection]:
    """The mines section of the bulletin of ``period``, or none without district records."""
    month = _month(session, period)
    if month is None:
        return []
    results = mines_results(session, month, statuses=False)
    blocks: list = [
        f"本节为{month.text}重点区县非煤矿山安全监管执法月排名、逾期重大隐患和“黑名单”企业，"
        "由政策台账按规则计算（policyledger rules explain mines.district_ranking）。"
    ]
    if results.synthetic:
        blocks.append(SYNTHETIC)
    blocks += _ranking_blocks(results)
    blocks += _hazard_blocks(results)
    blocks += _blacklist_blocks(results)
    return [PackSection("mines", TITLE, blocks)]
