"""The trade pack's bulletin section ("外资奖励兑现与外商投诉办理情况"), added through the pack's
bulletin hook: over the SYNTHETIC rewards and complaints and the real published figures, every
number it prints is recomputed here from :mod:`policyledger.packs.trade.results` for the same
period (the reward totals, the applications' dated decisions and payments, the complaints
ledger on the period's last day, the indicators of the latest full year); it is absent from a
ledger without trade records and before any; a whole bulletin builds with it as DOCX, HTML and
PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections import defaultdict

import pytest

from policyledger.packs.trade import pack
from policyledger.packs.trade.bulletin import TITLE, sections
from policyledger.packs.trade.figures import load_figures
from policyledger.packs.trade.indicators import STATUS_ZH
from policyledger.packs.trade.regions import fmt
from policyledger.packs.trade.results import (
    application_checks,
    complaints_ledger,
    figure_years,
    reward_totals,
    trade_indicators,
)
from policyledger.packs.trade.synthetic import load_synthetic
from policyledger.reports.bulletin import make_bulletin
from policyledger.reports.bulletin.model import SectionTable, Subheading
from policyledger.storage.periods import Period, parse_period

MONTH = "2025-07"


@pytest.fixture
def ledger(ingested):
    with ingested.session() as session:
        load_synthetic(session, actor="test")
        load_figures(session, actor="test")
    return ingested


def _money(value: float) -> str:
    return f"{value:,.2f}"


def _in(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def _paragraphs(section) -> str:
    return "\n".join(b for b in section.blocks if isinstance(b, str))


def _table(section, first: str) -> SectionTable:
    (table,) = [b for b in section.blocks if isinstance(b, SectionTable) and b.headers[0] == first]
    return table


def _expected_rewards(session, period: Period) -> tuple[dict[str, list[str]], dict[str, float]]:
    """The district table and the period's decisions and payments, from the results."""
    end = period.end
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for line in reward_totals(session).districts:
        if line.year <= end.year:
            sums[line.district or "（项目库外）"][0] += line.entitled_cny
    lines, _ = application_checks(session)
    apps = [(i.district, i.application) for i in lines if i.application.year <= end.year]
    for _district, app in apps:  # every decision and payment of the synthetic data is dated
        assert (app.decided is not None) == (app.status != "submitted")
        assert (app.paid is not None) == (app.paid_cny is not None)
    for district, app in apps:
        if app.submitted is not None and app.submitted > end:
            continue
        row = sums[district or "（项目库外）"]
        if app.decided is not None and app.decided <= end:
            row[1] += app.approved_cny or 0.0
        else:
            row[3] += 1
        if app.paid is not None and app.paid <= end:
            row[2] += app.paid_cny or 0.0
    table = {d: [d, *(_money(v) for v in s[:3]), str(int(s[3]))] for d, s in sums.items()}
    city = [sum(s[i] for s in sums.values()) for i in range(4)]
    table["合计"] = ["合计", *(_money(v) for v in city[:3]), str(int(city[3]))]
    decided = [a for _, a in apps if _in(a.decided, period)]
    approved = [a for a in decided if a.status in ("approved", "paid")]
    paid = [a for _, a in apps if _in(a.paid, period)]
    events = {
        "decided": len(decided),
        "approved": len(approved),
        "approved_cny": sum(a.approved_cny or 0.0 for a in approved),
        "refused": sum(a.status == "refused" for a in decided),
        "paid": len(paid),
        "paid_cny": sum(a.paid_cny or 0.0 for a in paid),
    }
    return table, events


@pytest.mark.parametrize("label", [MONTH, "2025-H2"])
def test_the_numbers_are_those_of_the_results_for_the_period(ledger, label):
    period = parse_period(label)
    with ledger.session() as session:
        (section,) = sections(session, period)
        table, events = _expected_rewards(session, period)
        block = complaints_ledger(session, period.end)
        target_year = pack.parameters.get("indicators.target_year", on=dt.date(2024, 12, 31))
        year = max(y for y in figure_years(session) if y < period.end.year and y <= target_year)
        indicators = trade_indicators(session, year)
    assert section.pack == "trade" and section.title == TITLE
    headings = [b.text for b in section.blocks if isinstance(b, Subheading)]
    assert headings == [
        "（一）外资到位奖励兑现",
        "（二）外商投资企业投诉办理",
        "（三）外贸进出口目标完成情况",
    ]
    text = _paragraphs(section)
    assert "合成数据（虚构，仅供演示）" in text and "外贸进出口数据为公开发布的真实数据" in text

    rewards = _table(section, "区县")
    assert {row[0]: row for row in rewards.rows} == table and rewards.rows[-1][0] == "合计"
    assert events["decided"] > 0 and events["paid"] > 0
    assert (
        f"本期作出审核决定{events['decided']}件（核定{events['approved']}件、"
        f"{_money(events['approved_cny'])}元，不予支持{events['refused']}件），"
        f"兑付{events['paid']}件、{_money(events['paid_cny'])}元。"
    ) in text
    total = table["合计"]
    assert f"已核定{total[2]}元、已兑付{total[3]}元，待审核申报{total[4]}件" in text
    assert "《建设高质量外资集聚地三年行动计划》三、（四）10“从2023年开始" in text

    result = block.result
    assert result is not None and result.overdue
    states = {c.id: c.closed for c in block.complaints}
    received = sum(_in(c.received, period) for c in block.complaints)
    closed = [s for s in result.complaints if s.state == "closed" and _in(states[s.id], period)]
    on_time = sum(s.answered_on_time is True for s in closed)
    assert label == MONTH or (received and closed)  # the half year receives and closes some
    assert (
        f"台账登记投诉{result.totals.total}件。本期收到{received}件，办结{len(closed)}件"
        f"（按期{on_time}件、超期{len(closed) - on_time}件）；期末逾期未办结"
        f"{len(result.overdue)}件"
    ) in text
    overdue = _table(section, "投诉编号")
    assert overdue.rows == [
        [
            o.id,
            o.enterprise,
            o.body,
            o.received.isoformat(),
            o.deadline.isoformat(),
            str(o.days_overdue),
        ]
        for o in result.overdue
    ]
    deadlines = [row[4] for row in overdue.rows]
    assert deadlines == sorted(deadlines)  # oldest first
    assert "《建设高质量外资集聚地三年行动计划》三、（五）15" in text

    assert indicators.result is not None
    shown = [r for r in indicators.result.rows if r.latest is not None and r.latest.year == year]
    assert shown
    for row in shown:
        aim = f"目标{row.comparison}{fmt(row.target)}{row.unit}"
        status = STATUS_ZH[row.status]
        value = fmt(row.latest.value) if row.unit != "%" else f"{row.latest.value:,.2f}"
        assert f"{row.scope_zh}{row.indicator_zh}{value}{row.unit}（{aim}，{status}）" in text
        title = next(
            f.source_title
            for f in indicators.figures
            if f.source_title and f.source_title in (row.latest.source or "")
        )
        assert title in text
    assert f"按{year}年及以前的全年公开数据对照{target_year}年目标" in text
    assert (
        "《推动外贸高质量发展三年行动计划》二“到2024年，力争全市外贸进出口总值突破1万亿元”" in text
    )
    assert "《推动外贸高质量发展三年行动计划》三、（二）4、5、6" in text


def test_no_section_before_any_reward_year_or_complaint(ledger):
    with ledger.session() as session:  # the published figures of 2020 alone do not make it
        assert sections(session, parse_period("2021-06")) == []
        assert sections(session, parse_period("2022-01")) != []  # the 2022 project-years


def test_no_section_in_a_ledger_without_trade_records(ingested):
    with ingested.session() as session:
        assert sections(session, parse_period(MONTH)) == []
        output = make_bulletin(session, MONTH, fmt="html")
    assert [s.pack for s in output.bulletin.sections] == []
    assert TITLE not in output.data.decode("utf-8")


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_docx_and_html_bulletins_have_the_section_before_the_notes(ledger):
    from docx import Document

    with ledger.session() as session:
        output = make_bulletin(session, MONTH, fmt="docx")
        page = make_bulletin(session, MONTH, fmt="html").data.decode("utf-8")
        overdue = complaints_ledger(session, parse_period(MONTH).end).result.overdue
    assert [s.pack for s in output.bulletin.sections] == ["trade"]
    document = Document(io.BytesIO(output.data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2].endswith(f"、{TITLE}") and headings[-1].endswith("、说明")
    assert "（一）外资到位奖励兑现" in paragraphs and "（三）外贸进出口目标完成情况" in paragraphs
    text = _docx_text(document)
    assert "本节为2025年7月外资到位奖励兑现" in text and "合成数据（虚构，仅供演示）" in text
    assert all(f"{o.id} | " in text for o in overdue)
    assert "区县 | 应得奖励（元） | 已核定（元）" in text
    section = page.split('<section data-testid="pack-section-trade">', 1)[1].split("</section>")[0]
    assert f"<h2>{headings[-2]}</h2>" in section
    assert overdue[0].id in section and "三、（五）15" in section


def test_the_pdf_bulletin_has_the_section(ledger, tmp_path):
    with ledger.session() as session:
        output = make_bulletin(session, MONTH, fmt="pdf")
    assert output.data.startswith(b"%PDF") and output.pages and output.pages >= 5
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(output.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = "".join(text.split())
    assert f"、{TITLE}" in text and "合成数据（虚构，仅供演示）" in text
    assert "TS-04" in text and "2024-02-22" in text  # a long id breaks at its hyphen
