"""Extraction on real documents of the genre that are not the sample (tests/fixtures/corpus).

The expectations were written by reading each document by hand: which numbers are commitments
(targets) and which are rules, rates or thresholds; who leads; when districts are responsible.
They keep the extractor honest about wordings the sample gazette does not use.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from policyledger.ingest import extract_text
from tests.conftest import CORPUS


@cache
def extraction(name: str) -> dict:
    path = CORPUS / f"{name}.txt"
    return extract_text(path.read_text(encoding="utf-8"), path.name).to_dict()


def targets(name: str) -> Counter:
    """(value, unit, year) of every target, counted."""
    doc = extraction(name)["documents"][0]
    return Counter((t["value"], t["unit"], t["year"]) for t in doc["targets"])


def tasks(name: str) -> dict[str, dict]:
    return {t["path"]: t for t in extraction(name)["documents"][0]["tasks"]}


# Every target, by hand: value, unit, year.
EXPECTED_TARGETS = {
    "cn-agri-mechanization-2018": [
        (10, "亿千瓦", 2020),
        (1.2, "亿千瓦", 2020),
        (70, "%", 2020),
        (11, "亿千瓦", 2025),
        (1.3, "亿千瓦", 2025),
        (75, "%", 2025),
        (55, "%", 2025),
        (45, "%", 2025),
        (45, "%", 2025),  # 马铃薯种植、收获机械化率均达到45%: two targets
        (60, "%", 2025),
        (65, "%", 2025),
        (55, "%", 2025),
        (50, "%", 2025),
        (65, "%", 2025),
        (30, "%", 2025),
        (50, "%", 2025),  # 设施农业、…和农产品初加工机械化率总体达到50%左右: one overall figure
    ],
    "cn-bonded-zones-2019": [],
    "cn-consumption-poverty-2018": [],
    # 三年百万青年见习计划 is the one quantified commitment; the rest are subsidy rules.
    "cn-employment-2018": [(100, "万青年", None)],
    # fee rates, guarantee shares "不得低于" and "原则上不超过" are rules; 占比达到80%以上 is a target
    "cn-guarantee-funds-2019": [(80, "%", None)],
    "cn-sports-events-2018": [(2, "万亿元", 2025), (100, "项", 2025), (100, "个", 2025)],
    "cn-vocational-education-2019": [
        (50, "所", 2022),
        (150, "个", 2022),
        (300, "个", 2022),
        (100, "个", None),
        (300, "个", 2020),
    ],
    "cn-zero-waste-cities-2018": [
        (10, "个", None),
        (95, "%", 2020),
        (75, "%", 2020),
        (85, "%", 2020),
        (80, "%", 2020),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_TARGETS))
def test_targets_of_corpus_documents(name):
    assert targets(name) == Counter(EXPECTED_TARGETS[name])


def test_first_listed_unit_leads_when_the_document_says_so():
    # "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）"
    employment = tasks("cn-employment-2018")
    assert employment["一/一"]["units"] == ["人力资源社会保障部", "财政部"]
    assert employment["一/一"]["lead_units"] == ["人力资源社会保障部"]
    assert employment["一/二"]["lead_units"] == ["财政部"]  # "下同": later notes too
    # "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）"
    bonded = tasks("cn-bonded-zones-2019")
    assert bonded["四/一/1"]["units"] == ["税务总局", "财政部", "海关总署"]
    assert bonded["四/一/1"]["lead_units"] == ["税务总局"]
    assert bonded["四/五/21"]["lead_units"] == ["海关总署"]


def test_provincial_governments_in_a_note_make_districts_responsible():
    # "（扶贫办、…、全国总工会等和各省级人民政府负责）"
    poverty = tasks("cn-consumption-poverty-2018")
    assert all(t["districts_responsible"] for t in poverty.values())
    assert "各省级人民政府" not in poverty["二/一"]["units"]
    assert poverty["二/一"]["units"][-1] == "全国总工会"
    assert poverty["二/一"]["lead_units"] == []


def test_carry_forward_note_for_pilot_city_governments():
    # "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）"
    zero_waste = tasks("cn-zero-waste-cities-2018")
    assert not zero_waste["一/五"]["districts_responsible"]
    assert zero_waste["二/一"]["districts_responsible"]
    assert zero_waste["四/四"]["districts_responsible"]  # holds to the end of the plan
    assert zero_waste["二/一"]["lead_units"] == ["生态环境部"]  # "生态环境部牵头，…参与"
    assert "国家统计局" in zero_waste["二/一"]["units"]


def test_numbering_straight_through_sections_is_kept():
    bonded = tasks("cn-bonded-zones-2019")
    assert "四/五/21" in bonded and "四/二/6" in bonded
    agri = tasks("cn-agri-mechanization-2018")
    assert "八/二十" in agri


def test_notice_with_attached_plan_and_preamble_targets():
    data = extraction("cn-vocational-education-2019")
    doc = data["documents"][0]
    assert doc["doc_number"] == "国发〔2019〕4号"
    assert doc["plans"] == ["国家职业教育改革实施方案"]
    assert doc["date"] == "2019-01-24" and doc["issuer"] == "国务院"
    preamble = [t for t in doc["targets"] if t["path"] is None]
    assert {(t["value"], t["unit"]) for t in preamble} == {(50, "所"), (150, "个"), (300, "个")}


def test_documents_without_notes_have_tasks_without_units():
    guarantee = tasks("cn-guarantee-funds-2019")
    assert len(guarantee) == 27
    assert all(not t["units"] and not t["districts_responsible"] for t in guarantee.values())


def test_every_unit_of_the_corpus_is_in_the_registry_or_collective():
    for name in EXPECTED_TARGETS:
        unknown = [u["written"] for u in extraction(name)["canonical_units"] if not u["known"]]
        assert all("有关" in u or u.startswith("各") for u in unknown), (name, unknown)
