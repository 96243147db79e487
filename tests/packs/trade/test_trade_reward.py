"""The foreign-capital reward (trade.reward) and the application check (trade.application_check)
beyond what the YAML cases show: the conversion error without a rate, properties over many
bases (never above the cap, monotone within a tier, exactly base × rate below it), missing facts
never giving "eligible", and every quote of the reward's clause found in the ledger."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger.packs.trade import pack
from policyledger.packs.trade.clauses import NOTICE
from policyledger.packs.trade.inputs import Application, RewardClaim
from policyledger.rules import ParameterSet, RuleInputError
from tests.packs.citation_checks import check_quotes, pack_citations

END_2023 = dt.date(2023, 12, 31)
CAP = 10_000_000


def claim(**changes) -> RewardClaim:
    """An eligible 2023 claim (a new manufacturing project), with ``changes``."""
    facts = {
        "project": "TEST-1",
        "year": 2023,
        "kind": "new",
        "industry_section": "C",
        "quasi_finance": False,
        "received_usd": 12_000_000.0,
        "shareholder_loans_usd": 0.0,
        "other_support_same_direction": False,
    }
    facts.update(changes)
    return RewardClaim(**facts)


def parameters(**values) -> ParameterSet:
    """The pack's parameters with ``rewards.<key>`` set to each value (validity kept)."""
    changed = dict(pack.parameters.items())
    for key, value in values.items():
        old = changed[f"rewards.{key}"]
        periods = tuple(dataclasses.replace(p, value=value) for p in old.periods)
        changed[old.key] = dataclasses.replace(old, periods=periods)
    return ParameterSet(changed)


def run(c: RewardClaim, params: ParameterSet | None = None):
    rule = pack.rule("trade.reward")
    return rule.run(c, on=dt.date(c.year, 12, 31), parameters=params or pack.parameters)


def test_the_worked_example_of_the_brief():
    result = run(claim(industry_section="G", received_usd=12_500_000, shareholder_loans_usd=1e6))
    assert (result.status, result.tier, result.rate) == ("eligible", "general", 0.02)
    assert result.base_usd == 11_500_000
    assert result.amount_cny == 230_000
    assert (
        "基数 = 实际到位外资 12,500,000 美元 − 外方股东贷款 1,000,000 美元 = 11,500,000 美元"
        in (result.working)
    )
    assert "11,500,000 > 10,000,000（超过，严格大于）→ 一般项目 2%" in result.working
    assert "奖励 = 11,500,000 × 2% = 230,000 元（美元金额作基数，以人民币计）" in result.working
    assert "未超过单项目年度上限 10,000,000 元" in result.working
    assert len(result.working) == len(result.working_en)
    assert len(result.reasons) == len(result.reasons_en) == 1


def test_convert_without_a_rate_is_one_line_naming_the_parameter():
    with pytest.raises(RuleInputError) as error:
        run(claim(), parameters(usd_base_conversion="convert"))
    message = str(error.value)
    assert "rewards.usd_cny_rate" in message and "\n" not in message
    # even a claim the rule would refuse: the reading is wrong, not the claim
    with pytest.raises(RuleInputError, match=r"rewards\.usd_cny_rate"):
        run(claim(year=2022), parameters(usd_base_conversion="convert"))


@pytest.mark.parametrize("rate", [0, -7.0, "seven", True])
def test_convert_with_a_bad_rate_is_refused(rate):
    with pytest.raises(RuleInputError, match=r"rewards\.usd_cny_rate"):
        run(claim(), parameters(usd_base_conversion="convert", usd_cny_rate=rate))


def test_convert_at_a_rate_multiplies_the_base():
    plain = run(claim(received_usd=20_000_000, industry_section="I"))
    converted = run(
        claim(received_usd=20_000_000, industry_section="I"),
        parameters(usd_base_conversion="convert", usd_cny_rate=7.1),
    )
    assert plain.amount_cny == 400_000
    assert converted.amount_cny == pytest.approx(400_000 * 7.1)
    assert "基数折算 = 20,000,000 美元 × 7.1 元/美元 = 142,000,000 元" in converted.working


def test_the_rule_must_be_run_in_the_claims_year():
    with pytest.raises(RuleInputError, match="must be run on a date in 2023"):
        pack.run("trade.reward", claim(), dt.date(2024, 12, 31))


def expected_amount(base: int, section: str) -> tuple[str, Decimal]:
    """The tier and amount worked out here on its own, in exact decimals."""
    if base <= 10_000_000:
        return "none", Decimal(0)
    pct = 4 if section == "C" and base > 30_000_000 else 2
    tier = "manufacturing" if pct == 4 else "general"
    return tier, min(Decimal(base) * pct / 100, Decimal(CAP))


@settings(max_examples=300, deadline=None)
@given(
    base=st.integers(min_value=0, max_value=2_000_000_000),
    loans=st.integers(min_value=0, max_value=50_000_000),
    section=st.sampled_from(["C", "G", "I", "L"]),
)
def test_amount_is_base_times_rate_never_above_the_cap(base, loans, section):
    result = run(
        claim(received_usd=base + loans, shareholder_loans_usd=loans, industry_section=section)
    )
    tier, amount = expected_amount(base, section)
    assert result.base_usd == base
    assert result.amount_cny <= CAP
    if tier == "none":
        assert (result.status, result.amount_cny, result.tier) == ("ineligible", 0, None)
        return
    assert (result.status, result.tier) == ("eligible", tier)
    assert Decimal(str(result.amount_cny)) == amount
    assert result.capped == (Decimal(base) * Decimal(str(result.rate)) > CAP)


@pytest.mark.parametrize("section", ["C", "I"])
def test_amount_is_monotone_in_the_base_within_a_tier(section):
    grid = sorted(
        {
            *range(9_000_000, 40_000_001, 250_000),
            *range(240_000_000, 620_000_001, 20_000_000),
            10_000_000,
            10_000_001,
            30_000_000,
            30_000_001,
            250_000_000,
            500_000_000,
        }
    )
    results = [(b, run(claim(received_usd=b, industry_section=section))) for b in grid]
    for (b1, r1), (b2, r2) in itertools.pairwise(results):
        assert r1.amount_cny <= CAP and r2.amount_cny <= CAP
        if r1.tier == r2.tier and r1.tier is not None:
            assert r1.amount_cny <= r2.amount_cny, (b1, b2)
    tiers = [r.tier for _, r in results]
    # the tiers come in order as the base grows: none, general, then (manufacturing only) 4%
    order = [t for t, _ in itertools.groupby(tiers)]
    assert order == ([None, "general", "manufacturing"] if section == "C" else [None, "general"])


FACTS = [
    "kind",
    "industry_section",
    "quasi_finance",
    "received_usd",
    "shareholder_loans_usd",
    "other_support_same_direction",
]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_missing_facts_never_give_eligible(size):
    for names in itertools.combinations(FACTS, size):
        result = run(claim(**{"received_usd": 50_000_000, **dict.fromkeys(names)}))
        assert result.status == "unknown", names
        assert result.amount_cny == 0 and result.tier is None
        assert set(result.missing) == set(names)
        assert len(result.reasons) == len(names) == len(result.reasons_en)


def test_a_known_exclusion_wins_over_missing_facts():
    for excluded in ({"industry_section": "J"}, {"quasi_finance": True}, {"year": 2022}):
        result = run(claim(kind=None, received_usd=None, **excluded))
        assert result.status == "ineligible", excluded
        assert {"kind", "received_usd"} <= set(result.missing)


def application(**changes) -> Application:
    facts = {"id": "A-1", "project": "TEST-1", "year": 2023, "applied_cny": 300_000.0}
    facts.update(changes)
    return Application(**facts)


@given(applied=st.floats(min_value=1, max_value=20_000_000), base=st.integers(0, 600_000_000))
@settings(max_examples=100, deadline=None)
def test_the_suggested_amount_is_never_above_applied_or_entitled(applied, base):
    inputs = {"application": application(applied_cny=applied), "claim": claim(received_usd=base)}
    check = pack.run("trade.application_check", inputs, END_2023)
    if check.suggestion == "approve":
        assert check.suggested_cny == min(applied, check.entitled_cny)
        assert check.suggested_cny <= CAP
    else:
        assert check.suggestion == "refuse" and check.entitled_cny == 0


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"claim": claim(project="OTHER")}, "the claim given is for OTHER 2023"),
        ({"others": [application(id="A-2", project="OTHER")]}, "A-2 is for OTHER 2023"),
        ({"others": [application()]}, "listed among its own others"),
    ],
)
def test_application_inputs_that_do_not_belong_together(inputs, message):
    with pytest.raises(RuleInputError, match=message):
        pack.run("trade.application_check", {"application": application(), **inputs}, END_2023)


def test_the_application_check_reads_the_reward_rules_parameters():
    rule = pack.rule("trade.application_check")
    assert set(pack.rule("trade.reward").parameters) <= set(rule.parameters)
    assert not [p for p in pack.problems() if "rewards." in p]


def test_every_quote_of_the_reward_clause_is_in_the_ledger(ingested):
    mine = [
        c
        for c in pack_citations(pack)
        if c[0].startswith(("trade.reward", "trade.application_check", "rewards."))
    ]
    assert len({c[0].split(" ")[0] for c in mine if c[0].startswith("rewards.")}) == 11
    with ingested.session() as session:
        assert check_quotes(session, mine, NOTICE) == len(mine) >= 16
