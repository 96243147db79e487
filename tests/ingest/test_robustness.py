"""Property-based test: mutated gazette text never makes the extractor raise.

Mutations cut, duplicate and splice slices of the sample and insert characters that matter to
the parser (digits, brackets, numbering, notes, page breaks), so that unbalanced brackets,
broken numbering and half notes all get exercised.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyledger.ingest import extract_text
from tests.conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
ALPHABET = list(
    "0123456789.%、，。；：（）〔〕“”《》一二三四五六七八九十年月日负责牵头以上左右\n 　"
)
SNIPPETS = [
    "（市发展改革委牵头，",
    "按职责分工负责）",
    "到2025年，",
    "下降14%",
    "三、",
    "（一）",
    "1.",
    "渝府发〔2022〕39号",
    "2022年9月18日",
    "以下均需区县落实，不再列出",
    "\n\n",
    "分别达到",
    "《重庆市方案》",
    "印发",
    "百万",
    "（",
    "）",
    "〔责任单位：",
    "列第一位者为牵头单位",
]


@st.composite
def mutated(draw) -> str:
    text = TEXT
    for _ in range(draw(st.integers(1, 8))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 2000)))
        op = draw(st.sampled_from(["cut", "dup", "insert", "snippet", "truncate"]))
        if op == "cut":
            text = text[:a] + text[b:]
        elif op == "dup":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "insert":
            noise = "".join(draw(st.lists(st.sampled_from(ALPHABET), max_size=30)))
            text = text[:a] + noise + text[a:]
        elif op == "snippet":
            text = text[:a] + draw(st.sampled_from(SNIPPETS)) + text[a:]
        else:
            text = text[:a]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_text_never_raises(text):
    data = extract_text(text, "mutated.txt").to_dict()
    json.dumps(data, ensure_ascii=False)
    for doc in data["documents"]:
        for item in doc["tasks"] + doc["targets"]:
            start, end = item["span"]
            assert 0 <= start <= end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    extract_text(text, "random.txt").to_dict()


def test_text_without_numbering_still_yields_its_targets():
    text = "到2025年，全市新能源汽车产量达到100万辆，城市生活污水集中处理率达到98%以上。"
    data = extract_text(text, "plain.txt").to_dict()
    (doc,) = data["documents"]
    assert doc["tasks"] == []
    assert [(t["value"], t["unit"], t["year"], t["path"]) for t in doc["targets"]] == [
        (100, "万辆", 2025, None),
        (98, "%", 2025, None),
    ]
