"""The energy pack's bulletin section ("能耗双控晴雨表"), added through the pack's bulletin hook
when district data exist for the quarter in force at the bulletin's date: districts by level
with their counts, the "两高" projects under key guidance or built before approval, the
clauses cited; numbered before the notes, in DOCX and HTML alike; absent without data."""

from __future__ import annotations

import io

import pytest

from policyledger.packs.energy.synthetic import load_synthetic
from policyledger.reports.bulletin import make_bulletin
from policyledger.storage.statistics import load_sample_statistics


@pytest.fixture
def ledger(ingested):
    with ingested.session() as session:
        load_sample_statistics(session)
        load_synthetic(session, actor="test")
    return ingested


def _text(document) -> list[str]:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return parts


def test_the_docx_has_the_energy_section_before_the_notes(ledger):
    from docx import Document

    with ledger.session() as session:
        output = make_bulletin(session, "2024-12", fmt="docx")
    (section,) = output.bulletin.sections
    assert section.pack == "energy" and section.title == "能耗双控晴雨表"
    document = Document(io.BytesIO(output.data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["七、能耗双控晴雨表", "八、说明"]
    assert "（一）区县预警等级" in paragraphs and "（二）“两高”项目" in paragraphs
    start = paragraphs.index("七、能耗双控晴雨表")
    body = "\n".join(paragraphs[start : paragraphs.index("八、说明")])
    assert "本节为2024年1—4季度能耗强度降低预警（晴雨表）" in body
    assert "注：本节数据为合成数据（虚构）" in body
    assert "10个区县中一级预警（红）0个、二级预警（黄）2个、三级预警（绿）8个" in body
    assert "渝府发〔2022〕39号 四、（一）1“加强节能形势的季度监测、年中预判" in body
    assert "发改办环资〔2021〕629号 正文第二段" in body
    assert "列入“两高”项目工作清单13个" in body and "加强工作指导11个；未批先建4个" in body
    assert "渝府发〔2022〕39号 四、（三）2“建立“两高”项目工作清单" in body
    tables = "\n".join(_text(document))
    assert "二级预警（黄） | 2 | 北碚区、涪陵区" in tables
    assert "一级预警（红） | 0 | —" in tables
    assert "北碚区 | 二级预警 | 0.4000 | 1.50 | " in tables
    assert "示例化工有限公司30万吨/年醋酸项目" in tables
    assert "未批先建（2023-05-20开工，早于环评批复2023-06-01）" in tables
    assert "示例新型建材有限公司砂石骨料项目" not in tables  # 4,999 tce and not started


def test_the_html_has_the_same_section_for_the_quarter_in_force(ledger):
    with ledger.session() as session:
        output = make_bulletin(session, "2024-11", fmt="html")
    page = output.data.decode("utf-8")
    section = page.split('<section data-testid="pack-section-energy">', 1)[1].split("</section>")[0]
    assert "<h2>七、能耗双控晴雨表</h2>" in section
    assert "本节为2024年1—3季度" in section  # November: the third quarter is the latest ended
    assert "一级预警（红）1个、二级预警（黄）2个、三级预警（绿）7个" in section
    assert '<td>一级预警（红）</td><td class="num">1</td><td>涪陵区</td>' in section
    assert "未批先建" in section and "四、（三）2" in section
    assert "<h2>八、说明</h2>" in page


def test_no_section_without_energy_data_for_the_period(ledger):
    with ledger.session() as session:
        bulletin = make_bulletin(session, "2022-12", fmt="html")
    assert bulletin.bulletin.sections == []  # 2022 has no year before it in the fixture
    page = bulletin.data.decode("utf-8")
    assert "能耗双控晴雨表" not in page and "<h2>七、说明</h2>" in page
