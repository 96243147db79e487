"""``policyledger reward calc|totals|applications``: a project's year worked out from the command
line with its reasons and arithmetic (exit 0 whatever the outcome); a bad number is one line on
stderr and exit 2; the totals and the applications read from a ledger holding the SYNTHETIC
data and agree with the results module."""

from __future__ import annotations

import json

import pytest

from policyledger import cli
from policyledger.packs.trade.results import application_checks, reward_totals
from policyledger.packs.trade.synthetic import load_synthetic


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as stop:  # argument errors
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


CALC = ("reward", "calc", "--year", "2024")


def test_calc_prints_the_result_and_its_working(capsys):
    code, out, err = run(
        capsys, *CALC, "--received", "12500000", "--loans", "1000000", "--section", "C"
    )
    assert code == 0, err
    assert "结论：符合（一般项目）" in out
    assert "奖励金额：230,000 元" in out  # (12,500,000 − 1,000,000) × 2%
    assert "基数 = 实际到位外资 12,500,000 美元 − 外方股东贷款 1,000,000 美元" in out
    assert "计算过程" in out and "理由" in out


def test_calc_in_english_and_capped(capsys):
    code, out, _ = run(capsys, *CALC, "--received", "320,000,000", "--section", "c", "--lang", "en")
    assert code == 0
    assert "Result: eligible (manufacturing)" in out
    assert "Reward: 10,000,000 yuan (capped)" in out  # 320,000,000 × 4% = 12,800,000 > cap


@pytest.mark.parametrize(
    ("options", "status", "amount"),
    [
        (("--received", "10000000", "--section", "G"), "ineligible", 0.0),  # 超过 is strict
        (("--received", "30000000", "--section", "C"), "eligible", 600_000.0),  # 2%, not 4%
        (("--received", "30000001", "--section", "C"), "eligible", 1_200_000.04),
        (("--received", "50000000", "--section", "K"), "ineligible", 0.0),
        (("--received", "50000000", "--section", "L", "--quasi-finance"), "ineligible", 0.0),
        (("--received", "50000000", "--section", "M", "--other-support"), "ineligible", 0.0),
        (
            ("--received", "50000000", "--section", "M", "--kind", "capital_increase"),
            "eligible",
            1e6,
        ),
    ],
)
def test_calc_json_at_the_thresholds(capsys, options, status, amount):
    code, out, _ = run(capsys, *CALC, *options, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["result"]["status"] == status
    assert data["result"]["amount_cny"] == pytest.approx(amount)
    assert data["claim"]["year"] == 2024


def test_calc_before_the_first_year_is_not_eligible(capsys):
    code, out, _ = run(
        capsys, "reward", "calc", "--year", "2022", "--received", "5e7", "--section", "C"
    )
    assert code == 0 and "结论：不符合" in out


@pytest.mark.parametrize(
    "options",
    [
        ("--received", "abc", "--section", "C"),
        ("--received", "-5", "--section", "C"),
        ("--received", "nan", "--section", "C"),
        ("--received", "100", "--loans", "200", "--section", "C"),
        ("--received", "100", "--section", "Z"),
    ],
)
def test_bad_numbers_are_one_line_and_exit_2(capsys, options):
    code, out, err = run(capsys, *CALC, *options)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "error" in err


def test_a_bad_year_is_one_line(capsys):
    code, _, err = run(capsys, "reward", "calc", "--year", "twenty", "--received", "1")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_totals_and_applications_from_the_ledger(db, database_url, capsys):
    code, out, _ = run(capsys, "reward", "totals", "--db", database_url)
    assert code == 0 and "no project-years" in out
    with db.session() as session:
        load_synthetic(session, actor="test")
    code, out, err = run(capsys, "reward", "totals", "--db", database_url, "--json")
    assert code == 0, err
    printed = json.loads(out)
    with db.session() as session:
        totals = reward_totals(session)
        lines, _ = application_checks(session)
    assert printed["synthetic"] is True
    assert [(d["district"], d["year"], d["entitled_cny"]) for d in printed["districts"]] == [
        (t.district, t.year, t.entitled_cny) for t in totals.districts
    ]
    assert [c["received_usd"] for c in printed["city"]] == [t.received_usd for t in totals.city]

    code, out, _ = run(capsys, "reward", "totals", "--year", "2024", "--db", database_url)
    assert code == 0
    assert out.startswith("合成数据") and "全市" in out
    rows = [line.split(" | ") for line in out.splitlines()[2:]]
    assert {row[0] for row in rows} == {"2024"}
    assert len(rows) == sum(t.year == 2024 for t in totals.districts) + 1

    code, out, _ = run(capsys, "reward", "applications", "--db", database_url, "--json")
    assert code == 0
    listed = json.loads(out)["applications"]
    assert [a["application"]["id"] for a in listed] == [line.application.id for line in lines]
    assert all(a["check"]["suggestion"] in ("approve", "refuse", "check") for a in listed)
    code, out, _ = run(capsys, "reward", "applications", "--db", database_url)
    assert code == 0 and "建议" in out and "SYNTHETIC-APP-001" in out


def test_the_demo_loads_the_trade_data(db, capsys):
    from policyledger.cli.server import _load_trade
    from policyledger.storage.models import PackBatch

    _load_trade(db)
    _, err = capsys.readouterr()
    assert "外贸外资：载入合成数据（虚构，仅供演示）" in err and "published trade figures" in err
    with db.session() as session:
        batches = {b.kind: b.synthetic for b in session.query(PackBatch).all()}
    assert batches == {
        "project": True,
        "project_year": True,
        "application": True,
        "complaint": True,
        "trade_figure": False,
    }
    _load_trade(db)  # again: nothing new
    _, err = capsys.readouterr()
    assert "0 条 · synthetic" in err and "0 条 · published" in err


def test_a_year_before_the_policy_is_one_line(capsys):
    code, out, err = run(
        capsys, "reward", "calc", "--year", "2021", "--received", "20000000", "--section", "C"
    )
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no reward rules were in force in 2021" in err
