"""``policyledger rules list|explain|check`` end to end."""

from __future__ import annotations

import json

from policyledger import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_rule_with_its_clause(capsys):
    code, out, err = run(capsys, "rules", "list")
    assert code == 0, err
    assert "energy.barometer  能耗强度降低晴雨表预警等级（季度）" in out
    assert "条款: 渝府发〔2022〕39号 四、（三）2；渝府发〔2022〕39号 四、（一）2" in out


def test_list_names_a_clause_once_however_often_a_rule_quotes_it(capsys):
    code, out, err = run(capsys, "rules", "list", "--pack", "trade")
    assert code == 0, err
    lines = out.splitlines()
    at = next(i for i, text in enumerate(lines) if text.strip().startswith("trade.reward"))
    line = lines[at + 1]  # the clauses of trade.reward, which quotes 三、（四）10 three times
    assert line.count("三、（四）10") == 1, line


def test_no_rule_of_any_installed_pack_lacks_a_clause(capsys):
    code, out, err = run(capsys, "rules", "list", "--json")
    assert code == 0, err
    rules = json.loads(out)
    assert len(rules) >= 7
    for r in rules:
        assert r["citations"], f"{r['id']} has no clause citation"
        for c in r["citations"]:
            assert c["document"].strip() and c["clause"].strip(), r["id"]


def test_list_of_an_unknown_pack_is_one_line(capsys):
    code, out, err = run(capsys, "rules", "list", "--pack", "nope")
    assert code == 1 and out == ""
    assert err.startswith("policyledger: error: no pack named 'nope' is installed (installed: energy")
    assert err.endswith(")\n") and err.count("\n") == 1


def test_explain_shows_the_clause_text_from_the_ledger(ingested, database_url, capsys):
    code, out, err = run(
        capsys, "rules", "explain", "energy.budget", "--db", database_url, "--on", "2023-12-31"
    )
    assert code == 0, err
    assert "各区县根据地区生产总值增速目标和能耗强度降低目标确定年度能源消费总量目标" in out
    # the clause text comes from the ledger: its heading and its responsible bodies are not in
    # any quote of the rule or its parameters
    assert "  渝府发〔2022〕39号 四、（一）1 — 重庆市人民政府关于印发重庆市“十四五”节能减排" in out
    assert "    1.完善能源消费总量弹性管理。" in out
    assert (
        "（市发展改革委牵头，市经济信息委、市生态环境局、市统计局、市能源局等按职责分工负责）"
        in out
    )
    # the goals section is not a task in the ledger: it is read from the document's text
    assert "    二、主要目标" in out
    assert "dual_control.budget_growth_adjustment" in out
    assert "actual_growth  valid 2021-01-01 to 2025-12-31  ← in force" in out
    assert "Traceback" not in out + err


def test_explain_names_a_document_missing_from_the_ledger(ingested, database_url, capsys):
    code, out, _ = run(
        capsys, "rules", "explain", "energy.barometer", "--db", database_url, "--on", "2023-09-30"
    )
    assert code == 0
    clauses = out.split("条款 clauses (text from the ledger):\n")[1]
    assert (
        "  发改办环资〔2021〕629号 正文第二段  (发改办环资〔2021〕629号 is not in the ledger)\n"
        in clauses
    )
    # each quote once; a quote inside a longer one is not repeated
    assert "「上半年能耗强度降低率未达到进度要求，为二级预警」" not in clauses
    assert "为一级预警；……上半年能耗强度降低率未达到进度要求，为二级预警；……为三级预警」" in clauses


def test_explain_without_a_ledger_shows_the_quotes(tmp_path, capsys):
    missing = tmp_path / "none.db"
    code, out, err = run(capsys, "rules", "explain", "energy.two_high", "--db", str(missing))
    assert code == 0, err
    assert f"  (no ledger at {missing}: showing the quotes of the rule and parameter files)" in out
    assert "「对年综合能源消费量5000吨标准煤（当量值）及以上的“两高”项目加强工作指导」" in out
    assert not missing.exists()


def test_explain_of_an_unknown_rule_is_one_line(capsys):
    code, _, err = run(capsys, "rules", "explain", "energy.nope")
    assert code == 1
    assert err == (
        "policyledger: error: no installed pack has a rule 'energy.nope' "
        "(see: policyledger rules list)\n"
    )


def test_check_of_the_installed_packs_runs_their_cases(capsys, monkeypatch):
    code, out, err = run(capsys, "rules", "check")
    assert code == 0, err
    assert out.startswith("energy: 23 parameters, 7 rules, ")
    assert out.endswith(" cases OK\n")

    from policyledger.rules import cases

    real = cases.compare
    monkeypatch.setattr(cases, "compare", lambda *a: [*real(*a), "expected.level: wrong"])
    code, out, err = run(capsys, "rules", "check")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("energy: cases/") and first.endswith("expected.level: wrong")
    assert err.startswith("policyledger: error: ") and err.endswith(" problems found\n")


def test_check_reports_each_problem_with_file_and_line(tmp_path, capsys):
    folder = tmp_path / "parameters"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "x:\n  value: 1\n  unit: 个\n  valid_from: 2021-01-01\n  source: {document: D, clause: 一}\n"
        "x:\n  value: 2\n",
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text(
        "y:\n  value: 1\n  unit: 个\n  valid_from: 2021-02-30\n  source: {document: D, clause: 一}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "rules", "check", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{folder}/a.yaml:6: duplicate key 'x'",
        f"{folder}/b.yaml:4: '2021-02-30' is not a date (YYYY-MM-DD)",
    ]
    assert err == "policyledger: error: 2 problems found\n"
    code, out, err = run(capsys, "rules", "check", str(folder / "b.yaml"))
    assert code == 1 and out == f"{folder}/b.yaml:4: '2021-02-30' is not a date (YYYY-MM-DD)\n"


def test_check_of_a_good_file(tmp_path, capsys):
    path = tmp_path / "good.yaml"
    path.write_text(
        "x:\n  value: 1\n  unit: 个\n  valid_from: 2021-01-01\n  source: {document: D, clause: 一}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "rules", "check", str(path), str(tmp_path / "missing"))
    assert code == 1
    assert out == f"{tmp_path / 'missing'}: no such file or folder\n"
    code, out, err = run(capsys, "rules", "check", str(path))
    assert (code, out, err) == (0, f"{path}: 1 parameters OK\n", "")
