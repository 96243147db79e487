"""The English titles a gazette prints in its English contents, paired with the Chinese ones by
page number: on the sample gazette (raw and normalised), on a made-up short issue (two documents
on one page, a wrapped English title, headings to skip), and on texts with no English contents."""

from __future__ import annotations

from policyledger.ingest.english_titles import (
    english_title_for,
    english_titles,
    issued_plan_titles,
    plan_titles_en,
)
from policyledger.ingest.normalize import normalize

TRADE_NOTICE_ZH = (
    "重庆市人民政府办公厅关于印发重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
    "和重庆市建设高质量外资集聚地三年行动计划（2022—2024年）的通知"
)
TRADE_PLAN_EN = (
    "Three-year Action Plan of Chongqing Municipality for Promoting High-Quality Development "
    "of Foreign Trade (2022~2024)"
)
INVESTMENT_PLAN_EN = (
    "Three-year Action Plan of Chongqing Municipality for Building a High-Quality Destination "
    "for Foreign Investment (2022~2024)"
)


def test_the_sample_gazettes_english_titles_by_page(sample_text):
    titles = english_titles(sample_text)
    assert titles is not None
    assert [t.page for t in titles] == [1, 9, 14]
    energy, mines, trade = titles
    assert energy.title_zh == "重庆市人民政府关于印发重庆市“十四五”节能减排综合工作实施方案的通知"
    assert energy.title_en.startswith("Notice of the Chongqing Municipal People's Government")
    assert energy.title_en.endswith("during the 14th Five-Year Plan Period")  # no "..." left
    assert energy.plans_en == (
        "Implementation Plan for Comprehensive Energy Conservation and Emission Reduction "
        "during the 14th Five-Year Plan Period",
    )
    assert mines.title_en.startswith("Implementing Opinions of the General Office")
    assert mines.plans_en == ()  # an opinion issues no plan
    assert trade.title_zh == TRADE_NOTICE_ZH  # the title wrapped over two lines, joined
    assert trade.title_en == (
        "Notice of the General Office of Chongqing Municipal People's Government on Issuing the "
        f"{TRADE_PLAN_EN} and the {INVESTMENT_PLAN_EN}"
    )
    assert trade.plans_en == (TRADE_PLAN_EN, INVESTMENT_PLAN_EN)


def test_the_normalised_text_gives_the_same_titles(sample_text):
    assert english_titles(normalize(sample_text).text) == english_titles(sample_text)


def test_a_document_and_its_plans_find_their_english_titles(sample_text):
    titles = english_titles(sample_text)
    spaced = TRADE_NOTICE_ZH.replace("（", " (").replace("）", ") ")  # other widths, spaces
    entry = english_title_for(titles, spaced)
    assert entry is not None and entry.page == 14
    investment = "重庆市建设高质量外资集聚地三年行动计划（2022—2024年）"
    trade = "重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
    # paired by where each name stands in the Chinese title, whatever order they are given in
    assert plan_titles_en(entry, [investment, trade]) == {
        trade: TRADE_PLAN_EN,
        investment: INVESTMENT_PLAN_EN,
    }
    assert plan_titles_en(entry, [trade]) == {}  # one name for two titles: no guess
    assert plan_titles_en(entry, [trade, "重庆市另一个方案"]) == {}
    assert english_title_for(titles, "没有这个文件的通知") is None
    assert english_title_for(None, TRADE_NOTICE_ZH) is None


MADE_UP = """
某市人民政府公报
2023
第 5 期

目　录

【市政府文件】

某市人民政府关于印发某市数字经济发展规划的通知………… (1)

某市人民政府关于表彰先进集体的决定………… (1)

【市政府办公厅文件】

某市人民政府办公厅关于印发某市城市更新行动方案

和某市老旧小区改造实施细则的通知………… (6)

GAZETTE OF SOME MUNICIPAL PEOPLE'S GOVERNMENT

Documents of the Municipal Government

Notice of the Municipal People's Government on Issuing the Development Plan for the Digital Economy of the Municipality ... (1)

Decision of the Municipal People's Government on Commending Advanced Collectives (1)

Documents of the General Office

Notice of the General Office on Issuing the Action Plan for Urban Renewal of the
Municipality and the Implementation Rules for the Renovation of Old Residential Areas (6)

某市人民政府关于印发某市数字经济发展规划的通知
某府发〔2023〕1号
"""


def test_a_made_up_issue_with_a_shared_page_and_a_wrapped_title():
    titles = english_titles(MADE_UP)
    assert titles is not None
    assert [(t.page, t.title_zh) for t in titles] == [
        (1, "某市人民政府关于印发某市数字经济发展规划的通知"),
        (1, "某市人民政府关于表彰先进集体的决定"),
        (6, "某市人民政府办公厅关于印发某市城市更新行动方案和某市老旧小区改造实施细则的通知"),
    ]
    digital, decision, renewal = titles
    assert digital.plans_en == ("Development Plan for the Digital Economy of the Municipality",)
    assert (
        decision.title_en
        == "Decision of the Municipal People's Government on Commending Advanced Collectives"
    )
    assert decision.plans_en == ()
    assert renewal.title_en.endswith(
        "of the Municipality and the Implementation Rules for the Renovation of Old Residential Areas"
    )
    assert renewal.plans_en == (
        "Action Plan for Urban Renewal of the Municipality",
        "Implementation Rules for the Renovation of Old Residential Areas",
    )


def test_pages_that_do_not_pair_up_are_left_out_not_guessed():
    text = MADE_UP.replace(
        "Decision of the Municipal People's Government on Commending Advanced Collectives (1)\n",
        "",
    )
    titles = english_titles(text)
    assert titles is not None
    assert [t.page for t in titles] == [6]  # page 1: two Chinese titles, one English


def test_no_english_contents_gives_none(sample_text):
    chinese_only = "\n".join(
        line for line in sample_text.splitlines()[:300] if not line.isascii() or not line.strip()
    )
    assert "目 录" in chinese_only and "GAZETTE" not in chinese_only
    assert english_titles(chinese_only) is None
    assert english_titles("重庆市人民政府关于某事的通知\n渝府发〔2022〕1号\n正文。") is None
    assert english_titles("") is None


def test_splitting_an_english_notice_title_into_its_plans():
    assert issued_plan_titles("Notice on Issuing the Work Plan for Clean Air") == (
        "Work Plan for Clean Air",
    )
    assert issued_plan_titles(
        "Notice on Printing and Distributing the Plan for Roads, the Measures for Ports and "
        "the Rules for Airports"
    ) == ("Plan for Roads", "Measures for Ports", "Rules for Airports")
    # "and the" inside one title does not split it
    assert issued_plan_titles("Notice on Issuing the Plan for Energy and the Environment") == (
        "Plan for Energy and the Environment",
    )
    assert issued_plan_titles("Opinions on Strengthening Production Safety in Mines") == ()
    assert issued_plan_titles("Notice on Issuing the Results of the Inspection") == ()
