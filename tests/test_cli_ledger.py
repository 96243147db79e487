"""The ledger commands end to end: ingest, statistics, assess, template, report import, demo."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from policyledger import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_twice_then_assess(db, database_url, capsys):
    code, out, _ = run(capsys, "ingest", "--sample", "--db", database_url)
    assert code == 0 and out.count("新增") == 3
    code, out, _ = run(capsys, "ingest", "--sample", "--db", database_url)
    assert code == 0 and out.count("未变化") == 3
    assert run(capsys, "statistics", "--db", database_url)[0] == 0
    code, out, err = run(capsys, "assess", "--as-of", "2024-12-31", "--db", database_url)
    assert code == 0, err
    assert "评估目标 91 个" in out
    assert "黄  外贸进出口总值：滞后于序时进度，最新值 0.71542" in out
    code, out, _ = run(capsys, "statistics", "--db", database_url)
    assert "已载入过" in out


def test_template_and_all_or_nothing_import(db, database_url, tmp_path, capsys):
    run(capsys, "ingest", "--sample", "--db", database_url)
    template = tmp_path / "report.xlsx"
    code, _, err = run(
        capsys,
        "template",
        "--body",
        "市商务委",
        "--plan",
        "外贸",
        "-o",
        str(template),
        "--db",
        database_url,
    )
    assert code == 0, err
    sheet = load_workbook(template).worksheets[0]
    first = [c.value for c in next(sheet.iter_rows(min_row=3, max_row=3))]
    target_id = first[0]
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target_id", "period", "value", "note"])
        writer.writerow([target_id, "2023", "7137.4", "good row"])
        writer.writerow([target_id, "2024", "seven", "not a number"])
    code, _out, err = run(
        capsys, "report", "import", str(bad), "--as", "市商务委", "--db", database_url
    )
    assert code == 1
    assert "nothing was imported" in err and "3" in err  # the bad row is row 3 of the file
    good = tmp_path / "good.csv"
    with good.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target_id", "period", "value"])
        writer.writerow([target_id, "2023", "7137.4"])
    code, _, err = run(
        capsys, "report", "import", str(good), "--as", "市商务委", "--db", database_url
    )
    assert code == 0, err


def test_unknown_body_is_one_line(db, database_url, tmp_path, capsys):
    run(capsys, "ingest", "--sample", "--db", database_url)
    code, _, err = run(
        capsys,
        "template",
        "--body",
        "不存在的局",
        "-o",
        str(tmp_path / "x.xlsx"),
        "--db",
        database_url,
    )
    assert code == 1 and err.strip() == "policyledger: error: unknown body or district: 不存在的局"


def test_demo_prepares_the_ledger(tmp_path, capsys):
    path = tmp_path / "demo.db"
    code, _, err = run(capsys, "demo", "--no-serve", "--db", str(path))
    assert code == 0, err
    assert "公开统计数据：新载入 18 条" in err and "91 个目标" in err
    assert "非煤矿山：载入合成数据（虚构，仅供演示）3499 条" in err
    assert "外贸外资：载入合成数据（虚构，仅供演示）154 条" in err
    assert "外贸外资：载入公开发布的外贸数据 22 条" in err


def test_unopenable_database_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "assess", "--db", str(tmp_path / "missing" / "x.db"))
    assert code == 1 and err.count("\n") == 1 and "folder does not exist" in err
