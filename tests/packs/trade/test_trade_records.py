"""The trade pack's data: each kind's template, filled in with openpyxl, imports whole and loads
back as the same typed rows; one bad row and nothing is stored, with the row's error listed;
the stored SYNTHETIC CSVs are the generator's fixed seed and import marked synthetic; the real
published figures are the trade rows of the bundled indicators, imported NOT synthetic."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest

from policyledger.packdata import import_records, load
from policyledger.packdata.csvrows import write_kind_csv
from policyledger.packs.trade import pack
from policyledger.packs.trade.figures import (
    figures_csv,
    figures_file,
    indicators_text,
    load_figures,
    published_figures,
)
from policyledger.packs.trade.inputs import Application, Complaint, TradeFigure
from policyledger.packs.trade.library import (
    ApplicationRecord,
    ComplaintRecord,
    ProjectYear,
    TradeFigureRecord,
)
from policyledger.packs.trade.records import KINDS, TRADE_INDICATORS
from policyledger.packs.trade.synthetic import (
    FIRST_LINE,
    SEED,
    SYNTHETIC_DISTRICTS,
    load_synthetic,
    rows_of,
    synthetic_file,
    synthetic_trade,
)
from policyledger.packs.trade.synthetic import (
    KINDS as SYNTHETIC_KINDS,
)
from policyledger.reporting import ImportRejected
from policyledger.storage.models import PackBatch, PackRecord
from tests.packdata.helpers import count, fill_template

KIND_NAMES = ["project", "project_year", "application", "complaint", "trade_figure"]


@pytest.fixture(scope="module")
def data():
    return synthetic_trade(seed=SEED)


def _rows(data, kind: str) -> list:
    if kind == "trade_figure":
        return published_figures(indicators_text())[:6]
    return rows_of(data, kind)[:6]


def test_the_pack_declares_its_five_kinds():
    assert [k.name for k in pack.kinds] == KIND_NAMES
    assert [k.key for k in KINDS] == [
        ("id",),
        ("project", "year"),
        ("id",),
        ("id",),
        ("indicator", "scope", "year", "period"),
    ]
    assert [k.body_field for k in KINDS] == ["district", None, None, "district", None]
    assert all(k.cites for k in KINDS)


@pytest.mark.parametrize(
    ("stored", "rule"),
    [(ApplicationRecord, Application), (ComplaintRecord, Complaint), (TradeFigureRecord, None)],
)
def test_stored_forms_carry_every_field_of_the_rule_inputs(stored, rule):
    names = {f.name for f in dataclasses.fields(stored)}
    if rule is None:  # the figure's source is its title and URL
        rule_names = {f.name for f in dataclasses.fields(TradeFigure)} - {"source"}
    else:
        rule_names = {f.name for f in dataclasses.fields(rule)}
    assert rule_names <= names


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_a_filled_template_round_trips(db, tmp_path, data, kind):
    rows = _rows(data, kind)
    filled = fill_template(pack, kind, rows, tmp_path)
    with db.session() as session:
        result = import_records(session, pack, kind, filled, actor="clerk")
    assert (result.rows, result.added) == (len(rows), len(rows))
    with db.session() as session:
        loaded = load(session, "trade", pack.kind(kind))
        assert sorted(map(repr, (item.value for item in loaded))) == sorted(map(repr, rows))
        if kind in ("project_year", "application", "trade_figure"):
            assert {item.record.period for item in loaded} == {str(r.year) for r in rows}
        if kind == "complaint":
            assert {item.record.period for item in loaded} == {f"{r.received:%Y-%m}" for r in rows}
        if kind in ("project", "complaint"):
            assert all(item.record.body_id.startswith("cq.") for item in loaded)


def test_loans_above_what_was_received_reject_the_whole_file(db, tmp_path, data):
    good = list(data.years[:3])
    bad = [
        *good,
        ProjectYear("SYNTHETIC-FDI-001", 2025, received_usd=1_000_000.0, shareholder_loans_usd=2e6),
    ]
    path = write_kind_csv(pack.kind("project_year"), bad, tmp_path / "years.csv", FIRST_LINE)
    with db.session() as session, pytest.raises(ImportRejected) as caught:
        import_records(session, pack, "project_year", path, actor="clerk")
    assert sorted((e.row, e.column) for e in caught.value.errors) == [
        (7, "shareholder_loans_usd")  # a note line and two header lines first
    ]
    assert "大于当年实际到位外资金额" in str(caught.value.errors[0])
    with db.session() as session:
        assert count(session, PackRecord) == count(session, PackBatch) == 0


def test_every_bad_cell_is_listed_and_nothing_is_stored(db, tmp_path, data):
    project = data.projects[0]
    bad = [
        dataclasses.replace(project, id="X-1", district="不存在区"),
        dataclasses.replace(project, id="X-2", investor_country="SGP"),
        dataclasses.replace(project, id="X-3"),
        dataclasses.replace(project, id="X-3"),
    ]
    path = write_kind_csv(pack.kind("project"), bad, tmp_path / "projects.csv", FIRST_LINE)
    with db.session() as session, pytest.raises(ImportRejected) as caught:
        import_records(session, pack, "project", path, actor="clerk")
    assert sorted((e.row, e.column) for e in caught.value.errors) == [
        (4, "district"),
        (5, "investor_country"),
        (7, "id"),
    ]
    with db.session() as session:
        assert count(session, PackRecord) == count(session, PackBatch) == 0


def test_application_and_complaint_dates_must_follow_each_other(db, tmp_path, data):
    app = dataclasses.replace(
        data.applications[0], decided=dt.date(2020, 1, 1), paid_cny=1e9, approved_cny=1.0
    )
    path = write_kind_csv(pack.kind("application"), [app], tmp_path / "apps.csv", FIRST_LINE)
    with db.session() as session, pytest.raises(ImportRejected) as caught:
        import_records(session, pack, "application", path, actor="clerk")
    assert {e.column for e in caught.value.errors} == {"decided", "paid_cny"}
    complaint = dataclasses.replace(data.complaints[0], closed=dt.date(2000, 1, 1))
    path = write_kind_csv(pack.kind("complaint"), [complaint], tmp_path / "complaints.csv", FIRST_LINE)
    with db.session() as session, pytest.raises(ImportRejected) as caught:
        import_records(session, pack, "complaint", path, actor="clerk")
    assert {e.column for e in caught.value.errors} == {"closed"}


def test_the_synthetic_data_are_as_described(data):
    assert len(data.projects) == 40 and 25 <= len(data.applications) <= 40
    assert len(data.complaints) == 12
    assert {p.district for p in data.projects} == set(SYNTHETIC_DISTRICTS)
    assert len(SYNTHETIC_DISTRICTS) == 12
    assert {y.year for y in data.years} == {2022, 2023, 2024, 2025}
    assert {a.status for a in data.applications} == {"submitted", "approved", "refused", "paid"}
    assert all(p.id.startswith("SYNTHETIC-") and "合成" in p.name for p in data.projects)
    bases = {(y.received_usd or 0) - (y.shareholder_loans_usd or 0) for y in data.years}
    assert {10_000_000.0, 30_000_000.0} <= bases
    sections = {p.industry_section for p in data.projects}
    assert {"J", "K"} <= sections and any(p.quasi_finance for p in data.projects)
    pushed = [
        y
        for y in data.years
        if (y.received_usd or 0) > 10_000_000 >= y.received_usd - (y.shareholder_loans_usd or 0)
    ]
    assert pushed


def test_the_stored_synthetic_files_are_the_fixed_seed(tmp_path, data):
    for kind in SYNTHETIC_KINDS:
        fresh = write_kind_csv(pack.kind(kind), rows_of(data, kind), tmp_path / f"{kind}.csv", FIRST_LINE)
        stored = synthetic_file(kind).read_text(encoding="utf-8")
        assert stored.startswith('"合成数据（虚构') and "SYNTHETIC" in stored.splitlines()[0]
        assert fresh.read_text(encoding="utf-8") == stored, f"regenerate {kind}.csv"


def test_the_synthetic_files_import_marked_synthetic(db, data):
    with db.session() as session:
        results = load_synthetic(session, actor="demo")
    assert [r.rows for r in results] == [len(rows_of(data, k)) for k in SYNTHETIC_KINDS]
    with db.session() as session:
        batches = session.query(PackBatch).all()
        assert len(batches) == 4 and all(b.synthetic for b in batches)
        projects = load(session, "trade", pack.kind("project"))
        assert {p.value.id: p.value for p in projects} == {p.id: p for p in data.projects}
    with db.session() as session:  # the same files again write nothing
        again = load_synthetic(session, actor="demo")
    assert all(r.already_imported for r in again)


def test_the_figures_are_the_trade_rows_of_the_published_indicators():
    source = [
        row
        for row in csv.DictReader(io.StringIO(indicators_text()))
        if row["indicator"] in TRADE_INDICATORS
    ]
    figures = published_figures(indicators_text())
    keys = [(f.indicator, f.scope, f.year, f.period) for f in figures]
    assert len(keys) == len(set(keys))
    assert {(r["indicator"], r["scope"], int(r["year"]), r["period"]) for r in source} == set(keys)
    for figure in figures:
        same_key = [
            r
            for r in source
            if (r["indicator"], r["scope"], int(r["year"]), r["period"])
            == keys[figures.index(figure)]
        ]
        match = [
            r for r in same_key if float(r["value"]) == figure.value and r["unit"] == figure.unit
        ]
        assert len(match) == 1, figure
        row = match[0]
        assert figure.source_url == (row["source_url"] or None)
        assert figure.source_title == row["source_title"]
        assert figure.lower_bound == ("LOWER BOUND" in row["note"].upper())
        if len(same_key) > 1:  # the same release in 亿元 and in billion yuan: 亿元 kept
            assert figure.unit == "亿元"
    assert [f for f in figures if f.lower_bound] == [
        f for f in figures if (f.indicator, f.year) == ("trade_exports", 2023)
    ]


def test_the_figures_file_is_current_and_imports_not_synthetic(db):
    assert figures_file().read_text(encoding="utf-8") == figures_csv(), "regenerate the figures"
    assert "SYNTHETIC" not in figures_file().read_text(encoding="utf-8")
    with db.session() as session:
        result = load_figures(session, actor="demo")
    assert result.rows == len(published_figures(indicators_text()))
    with db.session() as session:
        batch = session.query(PackBatch).one()
        assert not batch.synthetic and batch.kind == "trade_figure"
