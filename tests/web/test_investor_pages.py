"""The public investor page (/public/investors), open to anyone: the incentives of the
investment plan with their clause text from the ledger and the gazette's English titles, and the
reward calculator — shown only when 渝府办发〔2022〕107号 is published; complete Chinese or complete
English; bad calculator input is one line; no pack record ever appears."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from policyledger.packs.trade.incentives import INCENTIVES
from policyledger.rules.clauses import clause_text
from policyledger.storage.models import Document, PackBatch, PackRecord
from tests.web.bodies_helpers import assert_accessible

NOTICE = "渝府办发〔2022〕107号"
PAGE = "/public/investors"
INVESTMENT_PLAN_EN = (
    "Three-year Action Plan of Chongqing Municipality for Building a High-Quality Destination "
    "for Foreign Investment (2022~2024)"
)
CHINESE_UI = ("政策措施", "适用对象", "外资奖励测算", "计算过程", "测算结果", "年度", "出处")
ENGLISH_UI = ("Incentives", "Who it is for", "Reward calculator", "Working", "Result", "Source")


def publish_notice(database, published: bool = True) -> None:
    with database.session() as session:
        for document in session.scalars(select(Document)):
            document.published = published and document.doc_number == NOTICE


def calculator_url(received: str, lang: str = "zh", **more: str) -> str:
    query = {
        "year": "2023",
        "kind": "new",
        "industry_section": "C",
        "received_usd": received,
        "shareholder_loans_usd": "0",
        "lang": lang,
        **more,
    }
    return PAGE + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def main_of(page: str) -> str:
    return page.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def visible_text(fragment: str) -> str:
    """The fragment's text as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_an_unpublished_notice_shows_no_incentives_and_no_calculator(anonymous_client, ingested):
    for lang, message in (
        ("zh", "尚未公开任何外商投资政策措施。"),
        ("en", "No investment incentives have been published yet."),
    ):
        response = anonymous_client.get(f"{PAGE}?lang={lang}")
        assert response.status_code == 200
        main = main_of(response.text)
        assert f'data-testid="investors-empty">{message}<' in main
        assert 'data-testid="incentive"' not in main and 'data-testid="clause-text"' not in main
        assert "<form" not in main
        submitted = anonymous_client.get(calculator_url("10000001", lang))
        assert submitted.status_code == 200 and 'data-testid="calc-result"' not in submitted.text
    publish_notice(ingested, published=False)  # other documents published change nothing
    with ingested.session() as session:
        for document in session.scalars(select(Document).where(Document.doc_number != NOTICE)):
            document.published = True
    assert 'data-testid="investors-empty"' in anonymous_client.get(PAGE).text


def test_the_published_page_in_chinese(anonymous_client, ingested):
    publish_notice(ingested)
    response = anonymous_client.get(calculator_url("10000001", "zh"))  # every part shown
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    main = main_of(page)
    assert '<html lang="zh-CN">' in page
    assert main.count('data-testid="incentive"') == len(INCENTIVES) >= 9
    for word in CHINESE_UI:
        assert word in main, word
    for word in ENGLISH_UI:
        assert word not in visible_text(main).replace(INVESTMENT_PLAN_EN, ""), word
    assert "公报刊印的英文标题" in main and INVESTMENT_PLAN_EN in main
    assert "unofficial" not in main
    assert 'method="post"' not in main.lower() and "csrf" not in main  # read-only
    assert "实际到位外资年度奖励（2%）" in main and "最长5年工作类居留许可" in main


def test_the_published_page_in_english(anonymous_client, ingested):
    publish_notice(ingested)
    page = anonymous_client.get(calculator_url("10000001", "en")).text  # every part shown
    assert_accessible(page)
    main = main_of(page)
    assert '<html lang="en">' in page
    for word in ENGLISH_UI:
        assert word in main, word
    # what the page writes itself: not the Chinese data (clause text, document numbers and
    # titles, marked lang="zh-CN") nor the parameters' notes, which quote the clause
    data = r'<(blockquote|span|p|cite)[^>]*(?:lang="zh-CN"|class="iv-note")[^>]*>.*?</\1>'
    ui_text = visible_text(re.sub(data, "", main, flags=re.S))
    for word in CHINESE_UI:
        assert word not in ui_text, word
    assert not re.search(r"[\u4e00-\u9fff]", ui_text)  # complete English
    assert "English title as printed in the gazette" in main
    assert f'data-testid="plan-english">{INVESTMENT_PLAN_EN}</cite>' in main
    assert main.count('data-testid="unofficial">(unofficial translation)<') == len(INCENTIVES)
    assert "Start-up reward for foreign-funded R&amp;D centres" in main
    assert "Work residence permits of up to 5 years" in main
    assert "C Manufacturing" in main and "K Real estate" in main


def test_each_clause_is_the_ledgers_text_with_its_reference(anonymous_client, ingested):
    publish_notice(ingested)
    main = main_of(anonymous_client.get(PAGE).text)
    cards = re.findall(r'<article [^>]*data-key="([a-z_]+)"[^>]*>(.*?)</article>', main, re.S)
    assert [key for key, _ in cards] == [item.key for item in INCENTIVES]
    with ingested.session() as session:
        for (key, card), item in zip(cards, INCENTIVES, strict=True):
            stored, reason = clause_text(session, item.citation.document, item.citation.clause)
            assert stored is not None, reason
            shown = re.search(r'data-testid="clause-text"[^>]*>(.*?)</blockquote>', card, re.S)
            assert shown and visible_text(shown.group(1)) == stored.text, key
            for part in item.citation.quote.split("……"):
                assert f"<mark>{html.escape(part, quote=False)}</mark>" in card, key
            source = visible_text(
                re.search(r'data-testid="incentive-source">(.*?)</dd>', card, re.S).group(1)
            )
            clause = item.citation.clause.split("》", 1)[1]
            assert f"{NOTICE} 《{stored.document_title}》 {clause}" in source, key


def result_of(page: str) -> tuple[str, str, list[str]]:
    """The calculator's status, amount (or "") and working lines."""
    status = re.search(r'data-testid="calc-result" data-status="(\w+)"', page)
    assert status, main_of(page)[-3000:]
    amount = re.search(r'data-testid="calc-amount"[^>]*>([^<]*)<', page)
    working = re.search(r'data-testid="calc-working">(.*?)</ol>', page, re.S)
    lines = [visible_text(li) for li in re.findall(r"<li>(.*?)</li>", working.group(1), re.S)]
    return status.group(1), amount.group(1) if amount else "", lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_calculator_at_the_threshold(anonymous_client, ingested, lang):
    publish_notice(ingested)
    at = anonymous_client.get(calculator_url("10000000", lang))
    assert at.status_code == 200
    status, amount, working = result_of(at.text)
    assert status == "ineligible" and amount == ""
    expected = "不符合奖励条件" if lang == "zh" else "Not eligible for the reward"
    assert f'data-testid="calc-status">{expected}<' in at.text
    assert any("10,000,000 ≤ 10,000,000" in line for line in working)

    over = anonymous_client.get(calculator_url("10,000,001", lang))
    assert over.status_code == 200
    status, amount, working = result_of(over.text)
    assert status == "eligible" and amount == "200,000.02"
    if lang == "zh":
        assert "符合奖励条件" in over.text and "元" in over.text
        assert any(line.startswith("基数 = 实际到位外资 10,000,001 美元") for line in working)
        assert "本测算采用的理解" in over.text and "不折算" in over.text
        assert "以市商务委、市财政局审核认定为准" in over.text
    else:
        assert "Eligible for the reward" in over.text
        assert any(line.startswith("base = received 10,000,001 USD") for line in working)
        assert "How this calculation reads the clauses" in over.text
        assert 'data-key="rewards.usd_base_conversion"' in over.text
        assert "not converted (the US dollar figure is the base" in over.text
        assert "Chongqing Municipal Commission of Commerce" in over.text
    # the form keeps what was typed, in the language asked for
    assert 'name="received_usd" value="10,000,001"' in over.text
    assert f'name="lang" value="{lang}"' in over.text


def test_the_calculator_says_what_it_still_needs(anonymous_client, ingested):
    publish_notice(ingested)
    page = anonymous_client.get(calculator_url("50000000", "en", kind="")).text
    status, amount, _ = result_of(page)
    assert status == "unknown" and amount == ""
    assert "Cannot tell yet" in page
    missing = re.search(r'data-testid="calc-missing">(.*?)</ul>', page, re.S).group(1)
    assert "Kind of project" in missing


@pytest.mark.parametrize(
    ("change", "zh", "en"),
    [
        ({"received_usd": "abc"}, "不是有效的数字：abc", "is not a number: abc"),
        ({"received_usd": "-5"}, "不能是负数", "cannot be negative"),
        ({"received_usd": "nan"}, "不是有效的数字", "is not a number"),
        ({"received_usd": "1e400"}, "不是有效的数字", "is not a number"),
        ({"received_usd": "5e13"}, "数额过大", "is too large"),
        ({"shareholder_loans_usd": "20000000"}, "外方股东贷款不能多于", "cannot be more than"),
        ({"year": "1999"}, "2000至2100", "from 2000 to 2100"),
        ({"year": "2101"}, "2000至2100", "from 2000 to 2100"),
        ({"year": "20x3"}, "2000至2100", "from 2000 to 2100"),
        ({"kind": "merger"}, "取值无效", "invalid value"),
        ({"industry_section": "Z"}, "取值无效", "invalid value"),
    ],
)
def test_bad_calculator_input_is_one_line(anonymous_client, ingested, change, zh, en):
    publish_notice(ingested)
    for lang, expected in (("zh", zh), ("en", en)):
        response = anonymous_client.get(calculator_url("10000001", lang, **change))
        assert response.status_code == 422
        error = re.search(r'data-testid="calc-error"><p>([^<]*)</p>', response.text)
        assert error and expected in html.unescape(error.group(1)), response.text[-2000:]
        assert "\n" not in error.group(1) and "Traceback" not in response.text
        assert 'data-testid="calc-result"' not in response.text
        assert 'data-testid="calculator-form"' in response.text  # to correct and try again


def test_no_pack_record_ever_appears(anonymous_client, ingested):
    publish_notice(ingested)
    tell_tale = "TELLTALE-项目库-7f3a"
    with ingested.session() as session:
        batch = PackBatch(
            pack="trade", kind="project", filename="p.csv", sha256="0" * 64, rows=1, actor="test"
        )
        session.add(batch)
        session.flush()
        for kind in ("project", "application", "complaint"):
            session.add(
                PackRecord(
                    pack="trade",
                    kind=kind,
                    record_key=tell_tale,
                    data={"project": tell_tale, "received_usd": 10000001, "note": tell_tale},
                    batch_id=batch.id,
                    actor=tell_tale,
                )
            )
    for url in (
        PAGE,
        f"{PAGE}?lang=en",
        calculator_url("10000001"),
        calculator_url("10000001", "en"),
    ):
        response = anonymous_client.get(url)
        assert response.status_code == 200
        assert "TELLTALE" not in response.text and "7f3a" not in response.text


def test_the_public_page_links_to_the_investor_page(anonymous_client, ingested):
    page = anonymous_client.get("/public").text
    assert '<a href="/public/investors" data-testid="investors-link">投资者 Investors</a>' in page
    switched = anonymous_client.get(f"{PAGE}?lang=en").text
    assert 'href="/public/investors?lang=zh"' in switched  # the site's own language switch


def test_a_year_before_the_provisions_says_so_in_one_line(anonymous_client, ingested):
    publish_notice(ingested)
    for lang, expected in (
        ("zh", "2000年没有施行中的奖励规定，无法测算。"),
        ("en", "No reward provisions were in force in 2000, so there is nothing to calculate."),
    ):
        response = anonymous_client.get(calculator_url("10000001", lang, year="2000"))
        assert response.status_code == 200
        assert f'data-testid="calc-error"><p>{expected}</p>' in response.text
        assert 'data-testid="calc-result"' not in response.text
    before = anonymous_client.get(calculator_url("10000001", "en", year="2022")).text
    assert result_of(before)[0] == "ineligible"  # the provisions exist; the reward starts in 2023


# --- export credit insurance (trade plan 三、（八）26) ------------------------------------------

TRADE_PLAN_EN = (
    "Three-year Action Plan of Chongqing Municipality for Promoting High-Quality Development "
    "of Foreign Trade (2022~2024)"
)
INSURANCE_KEYS = ("credit_insurance_sme", "credit_insurance_discounts")
SIZE_NAMES = {
    "zh": {"small_micro": "小微企业", "medium": "中型企业", "large": "大型企业"},
    "en": {
        "small_micro": "Small or micro enterprise",
        "medium": "Medium-sized enterprise",
        "large": "Large enterprise",
    },
}


def insurance_url(exports: str, lang: str = "zh", **more: str) -> str:
    query = {"ins_year": "2023", "ins_exports_usd": exports, "lang": lang, **more}
    return PAGE + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def insurance_of(page: str) -> dict:
    """The insurance calculator's result: status, class (code and words), the discounts as
    (name, rate, minimum?), the combined rate and the premium after it ("" when not shown)."""
    found = re.search(
        r'data-testid="ins-result" data-status="(\w+)" data-class="(\w+)"(.*?)</section>',
        page,
        re.S,
    )
    assert found, main_of(page)[-3000:]
    body = found.group(3)
    combined = re.search(r'data-testid="ins-combined" data-rate="([^"]*)"', body)
    premium = re.search(r'data-testid="ins-premium-after"[^>]*>([^<]*)<', body)
    return {
        "status": found.group(1),
        "class": found.group(2),
        "class_text": re.search(r'data-testid="ins-class">([^<]*)<', body).group(1),
        "discounts": re.findall(
            r'data-testid="ins-discount" data-name="(\w+)" data-rate="([^"]*)" '
            r'data-minimum="(true|false)"',
            body,
        ),
        "combined": combined.group(1) if combined else "",
        "premium": premium.group(1) if premium else "",
        "text": visible_text(body),
    }


def test_the_insurance_incentives_cite_the_trade_plan_with_its_gazette_title(
    anonymous_client, ingested
):
    publish_notice(ingested)
    for lang, titles in (
        ("zh", ("出口信用保险中小微外贸企业认定标准放宽", "出口信用保险保费优惠")),
        ("en", ("Raised SME thresholds for export credit insurance", "premium discounts")),
    ):
        main = main_of(anonymous_client.get(f"{PAGE}?lang={lang}").text)
        cards = dict(
            re.findall(r'<article [^>]*data-key="([a-z_]+)"[^>]*>(.*?)</article>', main, re.S)
        )
        for key, title in zip(INSURANCE_KEYS, titles, strict=True):
            card = cards[key]
            assert title in card, (lang, key)
            assert f'data-testid="plan-english">{TRADE_PLAN_EN}</cite>' in card, (lang, key)
            assert "《重庆市推动外贸高质量发展三年行动计划（2022—2024年）》 三、（八）26" in card
            assert (
                "<mark>将中型和小微外贸企业认定标准分别放宽至5000万美元和500万美元</mark>"
                in (cards["credit_insurance_sme"])
            )
            if lang == "en":
                assert 'data-testid="unofficial">(unofficial translation)<' in card
            else:
                assert "unofficial" not in card
        assert ("USD 50 million" if lang == "en" else "5000万美元") in cards[INSURANCE_KEYS[0]]
        assert ("at least 10%" if lang == "en" else "不低于10%") in cards[INSURANCE_KEYS[1]]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("exports", "size"),
    [
        ("5000000", "small_micro"),
        ("5,000,001", "medium"),
        ("50000000", "medium"),
        ("50000001", "large"),
    ],
)
def test_the_insurance_size_class_at_the_thresholds(
    anonymous_client, ingested, lang, exports, size
):
    publish_notice(ingested)
    response = anonymous_client.get(insurance_url(exports, lang))
    assert response.status_code == 200
    result = insurance_of(response.text)
    assert result["status"] == "decided" and result["class"] == size
    assert result["class_text"] == SIZE_NAMES[lang][size]
    assert result["discounts"] == [] and result["combined"] == "0"
    assert f'name="ins_exports_usd" value="{exports}"' in response.text  # kept as typed
    assert 'data-testid="calc-result"' not in response.text  # the reward form is not run
    working = re.search(r'data-testid="ins-working">(.*?)</ol>', response.text, re.S).group(1)
    shown = f"{float(exports.replace(',', '')):,.0f}"
    assert shown in visible_text(working)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_platform_discount_is_for_small_and_micro_only(anonymous_client, ingested, lang):
    publish_notice(ingested)
    small = insurance_of(
        anonymous_client.get(
            insurance_url("5000000", lang, ins_platform="1", ins_premium_cny="10000")
        ).text
    )
    assert small["class"] == "small_micro"
    assert small["discounts"] == [("unified_platform", "20", "false")]
    assert small["combined"] == "20" and small["premium"] == "8,000"
    assert ("统一投保平台降费：20%" if lang == "zh" else "Unified platform discount: 20%") in (
        small["text"]
    )
    for exports in ("5000001", "50000001"):  # medium and large: nothing
        other = insurance_of(
            anonymous_client.get(insurance_url(exports, lang, ins_platform="1")).text
        )
        assert other["discounts"] == [] and other["combined"] == "0"
        no_discount = "没有可享受的保费优惠" if lang == "zh" else "no premium discount applies"
        assert no_discount in other["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_discounts_give_the_larger_not_both(anonymous_client, ingested, lang):
    publish_notice(ingested)
    page = anonymous_client.get(
        insurance_url(
            "4000000", lang, ins_platform="1", ins_little_giant="1", ins_premium_cny="12,345.60"
        )
    ).text
    both = insurance_of(page)
    assert both["discounts"] == [
        ("unified_platform", "20", "false"),
        ("little_giant", "10", "true"),
    ]
    assert both["combined"] == "20"  # the larger, not 30 nor 28
    assert both["premium"] == "9,876.48"
    at_least = "不低于10%" if lang == "zh" else "at least 10%"
    minimum = "最低降幅" if lang == "zh" else "a minimum"
    assert at_least in both["text"] and minimum in both["text"]
    # the interpretations its parameters make, named in the page's language
    params = re.search(r'data-testid="ins-interpretations">(.*?)</dl>', page, re.S).group(1)
    keys = re.findall(r'data-testid="interpretation" data-key="([\w.]+)"', params)
    assert "insurance.threshold_inclusive" in keys and "insurance.discount_combination" in keys
    if lang == "zh":
        assert "含本数（年出口额恰为500万美元的属小微企业" in params
        assert "取较大的一项，不叠加" in params
    else:
        assert "inclusive (exports of exactly USD 5,000,000 are small/micro" in params
        assert "the larger one only, not stacked" in params
        assert "Interpretation — to confirm with" in params  # the parameter's note
    # a medium enterprise on the list: the minimum cut only
    medium = insurance_of(
        anonymous_client.get(
            insurance_url("20000000", lang, ins_platform="1", ins_little_giant="1")
        ).text
    )
    assert medium["class"] == "medium"
    assert medium["discounts"] == [("little_giant", "10", "true")] and medium["combined"] == "10"


def test_the_insurance_result_in_english_is_english(anonymous_client, ingested):
    publish_notice(ingested)
    page = anonymous_client.get(
        insurance_url("5000000", "en", ins_platform="1", ins_little_giant="1")
    ).text
    assert_accessible(page)
    main = main_of(page)
    result = insurance_of(page)
    assert "Working" in result["text"] and "Reasons" in result["text"]
    assert "combined (larger): 20% + 10% → 20%" in result["text"]
    assert '<span lang="zh-CN">三、（八）26</span>' in main  # the clause path a line quotes
    data = r'<(blockquote|span|p|cite)[^>]*(?:lang="zh-CN"|class="iv-note")[^>]*>.*?</\1>'
    ui_text = visible_text(re.sub(data, "", main, flags=re.S))
    assert not re.search(r"[\u4e00-\u9fff]", ui_text)
    chinese = main_of(
        anonymous_client.get(
            insurance_url("5000000", "zh", ins_platform="1", ins_little_giant="1")
        ).text
    )
    assert "按三、（八）26放宽后的标准认定为小微企业" in chinese
    assert "出口信用保险：企业类型与保费优惠" in chinese and "判断依据" in chinese


def test_without_exports_the_class_is_unknown(anonymous_client, ingested):
    publish_notice(ingested)
    page = anonymous_client.get(insurance_url("", "en", ins_platform="1")).text
    result = insurance_of(page)
    assert result["status"] == "unknown" and result["class"] == "unknown"
    assert result["discounts"] == [] and result["combined"] == ""
    assert "Cannot tell yet" in result["text"]
    missing = re.search(r'data-testid="ins-missing">(.*?)</ul>', page, re.S).group(1)
    assert "Exports in the year (USD)" in missing


@pytest.mark.parametrize(
    ("change", "zh", "en"),
    [
        (
            {"ins_exports_usd": "abc"},
            "“当年出口额（美元）”不是有效的数字：abc",
            "is not a number: abc",
        ),
        ({"ins_exports_usd": "-1"}, "不能是负数", "cannot be negative"),
        ({"ins_exports_usd": "inf"}, "不是有效的数字", "is not a number"),
        ({"ins_exports_usd": "2e12"}, "数额过大", "is too large"),
        ({"ins_premium_cny": "-100"}, "“原保费（元）”不能是负数", "cannot be negative"),
        ({"ins_premium_cny": "1O00"}, "不是有效的数字", "is not a number"),
        ({"ins_year": "1999"}, "2000至2100", "from 2000 to 2100"),
        ({"ins_year": ""}, "2000至2100", "from 2000 to 2100"),
        ({"ins_year": "20x3"}, "2000至2100", "from 2000 to 2100"),
    ],
)
def test_bad_insurance_input_is_one_line(anonymous_client, ingested, change, zh, en):
    publish_notice(ingested)
    for lang, expected in (("zh", zh), ("en", en)):
        response = anonymous_client.get(insurance_url("5000000", lang, **change))
        assert response.status_code == 422
        error = re.search(r'data-testid="ins-error"><p>([^<]*)</p>', response.text)
        assert error and expected in html.unescape(error.group(1)), response.text[-2000:]
        assert "\n" not in error.group(1) and "Traceback" not in response.text
        assert 'data-testid="ins-result"' not in response.text
        assert 'data-testid="calc-error"' not in response.text  # the reward form is untouched
        assert 'data-testid="insurance-form"' in response.text  # to correct and try again


def test_a_year_before_the_insurance_provisions_says_so_in_one_line(anonymous_client, ingested):
    publish_notice(ingested)
    for lang, expected in (
        ("zh", "2021年没有施行中的出口信用保险规定，无法测算。"),
        (
            "en",
            "No export credit insurance provisions were in force in 2021, so there is nothing "
            "to calculate.",
        ),
    ):
        response = anonymous_client.get(insurance_url("5000000", lang, ins_year="2021"))
        assert response.status_code == 200
        assert f'data-testid="ins-error"><p>{expected}</p>' in response.text
        assert 'data-testid="ins-result"' not in response.text
    in_force = anonymous_client.get(insurance_url("5000000", "en", ins_year="2022")).text
    assert insurance_of(in_force)["class"] == "small_micro"  # from 20 September 2022


def test_both_calculators_in_one_query_do_not_clash(anonymous_client, ingested):
    publish_notice(ingested)
    url = calculator_url("10000001", "en", ins_year="2023", ins_exports_usd="60000000")
    page = anonymous_client.get(url).text
    assert result_of(page)[:2] == ("eligible", "200,000.02")
    assert insurance_of(page)["class"] == "large"


def test_an_unpublished_ledger_shows_no_insurance_incentives_nor_form(anonymous_client, ingested):
    for lang in ("zh", "en"):
        url = insurance_url("5000000", lang, ins_platform="1", ins_little_giant="1")
        response = anonymous_client.get(url)
        assert response.status_code == 200
        main = main_of(response.text)
        assert 'data-testid="investors-empty"' in main
        for absent in ('data-testid="insurance-form"', 'data-testid="ins-result"', "<form"):
            assert absent not in main, absent
        for key in INSURANCE_KEYS:
            assert f'data-key="{key}"' not in main
        assert "出口信用保险" not in main and "export credit insurance" not in main.lower()
