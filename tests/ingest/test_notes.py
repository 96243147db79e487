"""Responsibility notes in the forms Chinese plans write them."""

from __future__ import annotations

import pytest

from policyledger.ingest.notes import find_notes, parse_note


def note(content: str):
    return parse_note(content)


CASES = {
    "按职责分工负责, no lead": (
        "市发展改革委、市经济信息委、市市场监管局、市大数据发展局等按职责分工负责",
        ["市发展改革委", "市经济信息委", "市市场监管局", "市大数据发展局"],
        [],
        False,
    ),
    "牵头 then co-operating units": (
        "市经济信息委、市生态环境局牵头，市发展改革委、市公安局等按职责分工负责",
        ["市经济信息委", "市生态环境局", "市发展改革委", "市公安局"],
        ["市经济信息委", "市生态环境局"],
        False,
    ),
    "a sole unit with 负责 leads": ("市机关事务局负责", ["市机关事务局"], ["市机关事务局"], False),
    "several units with 负责 do not": (
        "体育总局、民政部、人力资源社会保障部负责",
        ["体育总局", "民政部", "人力资源社会保障部"],
        [],
        False,
    ),
    "责任单位 list names no lead": ("责任单位：重庆市税务局", ["重庆市税务局"], [], False),
    "districts in a 责任单位 list are not units": (
        "责任单位：市经济信息委、市发展改革委、市商务委，各区县（自治县）政府和两江新区、"
        "西部科学城重庆高新区、万盛经开区管委会（以下统称区县市政府）",
        ["市经济信息委", "市发展改革委", "市商务委"],
        [],
        True,
    ),
    "等和各省级人民政府": (
        "扶贫办、全国总工会等和各省级人民政府负责",
        ["扶贫办", "全国总工会"],
        [],
        True,
    ),
    "工业和信息化部 is one body": (
        "工业和信息化部、发展改革委等负责",
        ["工业和信息化部", "发展改革委"],
        [],
        False,
    ),
    "等有关部门和单位 is dropped": (
        "人力资源社会保障部等有关部门和单位负责",
        ["人力资源社会保障部"],
        [],
        False,
    ),
    "指导 and 参与": (
        "生态环境部、国家发展改革委指导，供销合作总社参与",
        ["生态环境部", "国家发展改革委", "供销合作总社"],
        [],
        False,
    ),
    "collective bodies are kept as written": (
        "市发展改革委、市生态环境局牵头，市级有关部门按职责分工负责",
        ["市发展改革委", "市生态环境局", "市级有关部门"],
        ["市发展改革委", "市生态环境局"],
        False,
    ),
    "labelled lead and responsible units": (
        "牵头单位：市商务委；责任单位：市财政局、市税务局",
        ["市商务委", "市财政局", "市税务局"],
        ["市商务委"],
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_note_forms(name):
    content, units, leads, districts = CASES[name]
    parsed = note(content)
    assert parsed.units == units
    assert parsed.leads == leads
    assert parsed.districts is districts


def test_carry_forward_note():
    parsed = note(
        "市发展改革委等按职责分工负责；各区县（自治县）和两江新区、西部科学城重庆高新区、"
        "万盛经开区（以下统称区县）负责落实。以下均需区县落实，不再列出"
    )
    assert parsed.units == ["市发展改革委"]
    assert parsed.carry_forward and parsed.districts


def test_lead_declaration():
    parsed = note("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同")
    assert parsed.declares_first_lead
    assert parsed.units == ["人力资源社会保障部", "财政部"]
    assert note(
        "税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同"
    ).declares_first_lead


def test_find_notes_skips_prose_brackets():
    text = (
        "根据《方案》（国发〔2021〕33号）精神，企业主要负责人（含法定代表人、实际负责人）要履职。"
        "加快推进改造。（市经济信息委、市生态环境局牵头，市公安局等按职责分工负责）"
    )
    notes = find_notes(text, 0, len(text))
    assert len(notes) == 1
    assert text[notes[0].start : notes[0].end].startswith("（市经济信息委")
    assert notes[0].leads == ["市经济信息委", "市生态环境局"]


def test_square_bracket_note_with_nested_brackets():
    text = (
        "加快发展。〔责任单位：市商务委，各区县（自治县）政府；以下均需各区县政府负责，不再列出〕"
    )
    (found,) = find_notes(text, 0, len(text))
    assert found.units == ["市商务委"]
    assert found.carry_forward
