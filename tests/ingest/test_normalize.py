"""Text normalisation: line-wrap spaces, page-break splits, widths and punctuation."""

from __future__ import annotations

from policyledger.ingest.normalize import normalize


def paragraphs(raw: str) -> list[str]:
    return [p.text for p in normalize(raw).paragraphs]


def test_line_wrap_spaces_inside_chinese_are_removed():
    assert paragraphs("重庆市“十四五”节能减排 综合工作实施方案") == [
        "重庆市“十四五”节能减排综合工作实施方案"
    ]
    assert paragraphs("到 2025 年，下降 14 %。") == ["到2025年，下降14%。"]


def test_spaces_between_latin_words_stay():
    assert paragraphs("GAZETTE OF CHONGQING") == ["GAZETTE OF CHONGQING"]


def test_page_break_inside_a_sentence_is_joined():
    raw = (
        "1.优化煤炭消费。到2025年，煤炭消费占比下降至40%左右。（市发展改革委、市能源局等按职责分"
        "\n\n工负责）\n\n2.强化防治。到2025年，绿色防控、统防统治覆盖率分别达到\n\n55%、45%。"
    )
    assert paragraphs(raw) == [
        "1.优化煤炭消费。到2025年，煤炭消费占比下降至40%左右。（市发展改革委、市能源局等按职责分工负责）",
        "2.强化防治。到2025年，绿色防控、统防统治覆盖率分别达到55%、45%。",
    ]


def test_headings_titles_and_dates_are_not_joined():
    raw = "三、实施节能减排重点工程\n\n（一）重点行业绿色升级工程。\n\n重庆市人民政府\n\n2022 年 9 月 18 日"
    assert paragraphs(raw) == [
        "三、实施节能减排重点工程",
        "（一）重点行业绿色升级工程。",
        "重庆市人民政府",
        "2022年9月18日",
    ]


def test_full_width_digits_and_half_width_punctuation():
    assert paragraphs("达到９２％以上(市水利局负责)") == ["达到92%以上（市水利局负责）"]
    assert paragraphs("到2025年,农村生活污水治理率达到40%;") == [
        "到2025年，农村生活污水治理率达到40%；"
    ]
    assert paragraphs("进出口1,000亿元 (RCEP)") == ["进出口1,000亿元(RCEP)"]


def test_offsets_point_into_the_text():
    result = normalize("第一段。\n\n第二 段。")
    for p in result.paragraphs:
        assert result.text[p.start : p.end] == p.text
