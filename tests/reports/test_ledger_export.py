"""The Excel ledger (台账): the summary sheet agrees with the stored assessment, each plan sheet
has a row per task × target × body (every task appears), the warning is a word and a colour,
latest values link to their source, the layout (frozen header, filter, widths) is set, reads
are set-based, and ``policyledger ledger export`` writes the file or fails in one line."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import event, func, select

from policyledger import cli
from policyledger.reports.ledger import LedgerExportError, export_ledger
from policyledger.reports.ledger.cells import Cells, add_styles
from policyledger.reports.ledger.columns import COLUMNS, STATUSES, WARNINGS, width
from policyledger.reports.ledger.sheets import sheet_name
from policyledger.services.assessment import run_assessment
from policyledger.storage.models import AssessmentRow, Observation, Plan, Target, Task
from policyledger.storage.queries import current_targets, current_tasks
from policyledger.storage.statistics import load_sample_statistics

AS_OF = dt.date(2024, 12, 31)
TRADE = "外贸高质量发展"
COL = {c.key: i for i, c in enumerate(COLUMNS)}
FIRST = 4  # title, English header, Chinese header


@pytest.fixture
def assessed(ingested):
    """The sample with the published statistics, assessed at 2024-12-31."""
    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
    with ingested.session() as session:
        run_assessment(session, AS_OF)
    return ingested


@pytest.fixture
def exported(assessed, tmp_path):
    path = tmp_path / "ledger.xlsx"
    with assessed.session() as session:
        summary = export_ledger(session, path)
    return path, summary


def rows_of(sheet) -> list[tuple]:
    return [r for r in sheet.iter_rows(min_row=FIRST, values_only=True) if any(r)]


def plan_sheet(path, summary, text: str):
    name = next(s.name for s in summary.sheets if text in s.plan)
    return load_workbook(path)[name]


def test_summary_sheet_matches_the_stored_assessment(assessed, exported):
    path, summary = exported
    assert summary.as_of == AS_OF and not summary.assessed
    workbook = load_workbook(path)
    assert workbook.sheetnames == summary.sheet_names
    assert workbook.sheetnames[0] == "汇总" and len(summary.sheets) == 4
    sheet = workbook["汇总"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    as_of_row = next(r for r in cells if r[1] == "数据截至 as of")
    assert as_of_row[2].date() == AS_OF
    header = next(r for r in cells if r[0] == "序号")
    column = {name: i for i, name in enumerate(header) if name}
    with assessed.session() as session:
        stored = session.execute(
            select(Plan.name, AssessmentRow.warning, AssessmentRow.status)
            .join(Target, Target.id == AssessmentRow.target_id)
            .join(Plan, Plan.id == Target.plan_id)
            .where(AssessmentRow.as_of == AS_OF)
        ).all()
        missing = dict(
            session.execute(
                select(Plan.name, func.sum(AssessmentRow.reports_missing))
                .join(Target, Target.id == AssessmentRow.target_id)
                .join(Plan, Plan.id == Target.plan_id)
                .where(AssessmentRow.as_of == AS_OF)
                .group_by(Plan.name)
            ).all()
        )
    warnings = Counter((plan, w) for plan, w, _ in stored)
    statuses = Counter((plan, s) for plan, _, s in stored)
    for plan in summary.sheets:
        row = next(r for r in cells if r[2] == plan.plan)
        assert row[1] == plan.name
        assert (
            row[column["目标"]]
            == plan.targets
            == sum(n for (p, _), n in warnings.items() if p == plan.plan)
        )
        assert row[column["台账行数"]] == plan.rows
        for key, word in WARNINGS.items():
            assert row[column[word]] == warnings[(plan.plan, key)], (plan.plan, word)
        for key, word in STATUSES.items():
            assert row[column[word]] == statuses[(plan.plan, key)], (plan.plan, word)
        assert row[column["应报未报"]] == missing[plan.plan]
    total = next(r for r in cells if r[1] == "合计 total")
    assert total[column["目标"]] == len(stored) == 91
    assert total[column["黄"]] == sum(n for (_, w), n in warnings.items() if w == "yellow")
    assert total[column["应报未报"]] == sum(missing.values())
    notes = "\n".join(str(r[2]) for r in cells if r[2])
    assert "assess/rules.toml" in notes and "发改办环资〔2021〕629号" in notes


def test_trade_target_row_with_warning_colour_and_source_link(assessed, exported):
    path, summary = exported
    sheet = plan_sheet(path, summary, TRADE)
    assert TRADE in sheet["A1"].value and "（2022—2024年）" in sheet["A1"].value
    found = [
        (index, row)
        for index, row in enumerate(sheet.iter_rows(min_row=FIRST, values_only=True), FIRST)
        if row[COL["metric"]] == "外贸进出口总值"
    ]
    assert len(found) == 1
    number, row = found[0]
    assert row[COL["body"]] == "市商务委"
    assert row[COL["body_en"]] == "Chongqing Municipal Commission of Commerce"
    assert row[COL["role"]] == "直接负责"
    assert row[COL["goal"]] == "≥ 1万亿元"
    assert row[COL["year"]] == 2024
    assert row[COL["latest"]] == pytest.approx(0.71542)
    assert row[COL["latest_end"]].date() == AS_OF
    assert row[COL["expected"]] == pytest.approx(1.0)
    assert row[COL["gap"]] == pytest.approx(0.71542 - 1.0)
    assert row[COL["status"]] == "滞后"
    assert row[COL["text"]] == "全市外贸进出口总值突破1万亿元"
    warning = sheet.cell(number, COL["warning"] + 1)
    assert warning.value == "黄"
    assert warning.fill.fill_type == "solid" and warning.fill.fgColor.rgb.endswith("FFFF00")
    with assessed.session() as session:
        url = session.scalar(
            select(Observation.source_url)
            .join(Target, Target.lineage == Observation.target_lineage)
            .where(Target.metric == "外贸进出口总值", Observation.period_end == AS_OF)
        )
    source = sheet.cell(number, COL["source"] + 1)
    assert url and url.startswith("http")
    assert source.value == url and source.hyperlink.target == url
    latest = sheet.cell(number, COL["latest"] + 1)
    assert latest.number_format != "General"


def test_every_task_and_target_appears_with_each_body(assessed, exported):
    path, summary = exported
    sheet = plan_sheet(path, summary, TRADE)
    rows = rows_of(sheet)
    task_rows = [r for r in rows if r[COL["clause"]] == "三/一/1" and r[COL["task"]]]
    assert {r[COL["task"]] for r in task_rows} == {"夯实贸易发展产业基础"}
    bodies = {r[COL["body"]]: r[COL["role"]] for r in task_rows}
    cooperating = dict.fromkeys(("市经济信息委", "市发展改革委", "市商务委"), "配合")
    assert bodies == {**cooperating, "各区县": "区县落实"}
    assert {r[COL["metric"]] for r in task_rows} == {"外向型产业聚集区"}
    with assessed.session() as session:
        plan = session.scalar(select(Plan).where(Plan.name.contains(TRADE)))
        tasks = set(
            session.execute(
                current_tasks()
                .with_only_columns(Task.path, Task.heading)
                .where(Task.plan_id == plan.id)
            ).all()
        )
        lineages = set(
            session.scalars(
                current_targets().with_only_columns(Target.lineage).where(Target.plan_id == plan.id)
            )
        )
    written = {(r[COL["clause"]], r[COL["task"]]) for r in rows if r[COL["task"]]}
    assert written == tasks and len(tasks) == 29
    assert {r[COL["target_id"]] for r in rows if r[COL["target_id"]]} == lineages
    # a task without targets still has its rows, target columns empty
    without = [r for r in rows if r[COL["clause"]] == "三/一/2"]
    assert without and all(r[COL["metric"]] is None for r in without)
    assert {r[COL["body"]] for r in without} >= {"各区县"}


def test_layout_frozen_header_filter_widths(exported):
    path, summary = exported
    workbook = load_workbook(path)
    for info in summary.sheets:
        sheet = workbook[info.name]
        assert len(info.name) <= 31 and not set(info.name) & set("[]:*?/\\")
        assert info.plan in sheet["A1"].value
        assert [c.value for c in sheet[3]] == [c.zh for c in COLUMNS]
        assert [c.value for c in sheet[2]] == [c.en for c in COLUMNS]
        assert sheet.freeze_panes == "A4"
        assert sheet.auto_filter.ref == f"A3:U{3 + info.rows}"
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        assert len(widths) == len(COLUMNS) and all(w >= 8 for w in widths.values())
        assert 8 <= widths["T"] <= 60  # 原文: fitted, capped and wrapped
        texts = [c for c in sheet["T"][FIRST - 1 :] if c.value]
        assert texts and all(c.alignment.wrap_text for c in texts)
    assert workbook.worksheets[1].title == "1 节能减排综合工作实施方案"
    assert workbook.worksheets[1].column_dimensions["T"].width == 60
    assert workbook["汇总"].column_dimensions["C"].width >= 20


def test_reads_are_set_based(assessed, tmp_path):
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    engine = assessed.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        with assessed.session() as session:
            summary = export_ledger(session, tmp_path / "l.xlsx", as_of=AS_OF)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert summary.rows > 700
    assert len(statements) <= 8, statements


def test_as_of_dates_and_plan_filter(assessed, tmp_path):
    with assessed.session() as session:
        later = export_ledger(session, tmp_path / "a.xlsx", as_of=dt.date(2025, 3, 31), plan="外贸")
    assert later.assessed and later.as_of == dt.date(2025, 3, 31)
    assert [s.plan for s in later.sheets] == ["重庆市推动外贸高质量发展三年行动计划（2022—2024年）"]
    with assessed.session() as session:
        stored = session.scalar(
            select(func.count()).where(AssessmentRow.as_of == dt.date(2025, 3, 31))
        )
        latest = export_ledger(session, tmp_path / "b.xlsx")
        with pytest.raises(LedgerExportError, match="no plan whose name contains"):
            export_ledger(session, tmp_path / "c.xlsx", plan="不存在的方案")
    assert stored == 91
    assert latest.as_of == dt.date(2025, 3, 31) and not latest.assessed
    sheet = plan_sheet(tmp_path / "a.xlsx", later, TRADE)
    row = next(r for r in rows_of(sheet) if r[COL["metric"]] == "外贸进出口总值")
    assert row[COL["status"]] == "逾期未完成" and row[COL["warning"]] == "红"
    with assessed.session() as session, pytest.raises(LedgerExportError, match="cannot write"):
        export_ledger(session, tmp_path / "missing" / "d.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temp files


def test_never_assessed_ledger_is_assessed_today(ingested, tmp_path):
    with ingested.session() as session:
        summary = export_ledger(session, tmp_path / "l.xlsx")
    assert summary.assessed and summary.as_of == dt.date.today()
    assert summary.targets == 91 and summary.tasks == 121


def test_sheet_names_safe_text_and_links(tmp_path):
    taken: set[str] = set()
    trade = "重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
    assert sheet_name(3, trade, taken) == "3 推动外贸高质量发展三年行动计划"
    assert sheet_name(3, trade, taken) != "3 推动外贸高质量发展三年行动计划"  # unique
    odd = sheet_name(5, "a/b:c*d?[e]\\f" + "长" * 40, taken)
    assert len(odd) == 31 and not set(odd) & set("[]:*?/\\")
    assert width("外贸ab") == 6 and width("") == 0
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("t")
    make = Cells(sheet, add_styles(workbook))
    sheet.append(
        [make.text("=1+1\x07"), make.link("javascript:alert(1)"), make.link("http://a.b/c")]
    )
    workbook.save(tmp_path / "t.xlsx")
    formula, script, web = load_workbook(tmp_path / "t.xlsx")["t"][1]
    assert formula.value == "=1+1" and formula.data_type == "s"  # text, never a formula
    assert script.value == "javascript:alert(1)" and script.hyperlink is None
    assert web.hyperlink.target == "http://a.b/c"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_the_ledger(assessed, database_url, tmp_path, capsys):
    output = tmp_path / "ledger.xlsx"
    code, out, err = run(
        capsys, "ledger", "export", "-o", str(output), "--plan", "外贸", "--db", database_url
    )
    assert code == 0, err
    assert out.count("\n") == 1 and "截至 2024-12-31" in out and "方案 1 个" in out
    workbook = load_workbook(output)
    assert workbook.sheetnames == ["汇总", "1 推动外贸高质量发展三年行动计划"]
    assert not [p.name for p in tmp_path.iterdir() if p.name != "ledger.xlsx"]  # no temp file


def test_cli_one_line_errors(assessed, database_url, tmp_path, capsys):
    code, out, err = run(
        capsys, "ledger", "export", "-o", str(tmp_path / "ledger.csv"), "--db", database_url
    )
    assert code == 1 and not out
    assert err.count("\n") == 1 and ".xlsx" in err and "ledger.csv" in err
    output = tmp_path / "ledger.xlsx"
    code, out, err = run(
        capsys, "ledger", "export", "-o", str(output), "--plan", "没有这个", "--db", database_url
    )
    assert code == 1 and not out
    assert err.startswith("policyledger: error: ") and err.count("\n") == 1
    assert "没有这个" in err and not output.exists()
