"""The mines pack's data: each kind's template, filled in with openpyxl from the SYNTHETIC
registry, imports whole and loads back as the same typed rows; one bad row and nothing is
stored, with the row's error listed; the stored SYNTHETIC CSVs are the registry of the fixed
seed and import marked synthetic."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.packdata import import_records, load
from policyledger.packdata.csvrows import write_kind_csv
from policyledger.packs.mines import pack
from policyledger.packs.mines.records import KINDS
from policyledger.packs.mines.synthetic import (
    FIRST_LINE,
    SEED,
    load_synthetic,
    synthetic_file,
    synthetic_registry,
)
from policyledger.reporting import ImportRejected
from policyledger.storage.models import PackBatch, PackRecord
from tests.packdata.helpers import count, fill_template


@pytest.fixture(scope="module")
def registry():
    return synthetic_registry(seed=SEED)


def _rows(registry, kind: str) -> list:
    rows = {
        "mine": registry.mines[:6],
        "hazard_check": registry.checks[:6],
        "hazard": registry.hazards[:6],
        "district_month": registry.districts[:6],
    }
    return rows[kind]


def test_the_pack_declares_its_four_kinds():
    assert [k.name for k in pack.kinds] == ["mine", "hazard_check", "hazard", "district_month"]
    assert [k.key for k in KINDS] == [
        ("id",),
        ("mine", "level", "date"),
        ("id",),
        ("district", "year", "month"),
    ]


@pytest.mark.parametrize("kind", ["mine", "hazard_check", "hazard", "district_month"])
def test_a_filled_template_round_trips(db, tmp_path, registry, kind):
    rows = _rows(registry, kind)
    filled = fill_template(pack, kind, rows, tmp_path)
    with db.session() as session:
        result = import_records(session, pack, kind, filled, actor="clerk")
    assert (result.rows, result.added) == (len(rows), len(rows))
    with db.session() as session:
        loaded = load(session, "mines", pack.kind(kind))
        keys = {pack.kind(kind).key_of(row, None) for row in rows}
        assert {item.record.record_key.split("|")[-1] for item in loaded} == {
            k.split("|")[-1] for k in keys
        }
        assert sorted(map(repr, (item.value for item in loaded))) == sorted(map(repr, rows))


def test_one_bad_row_and_nothing_is_stored(db, tmp_path, registry):
    good = list(registry.hazards[:3])
    bad = [
        *good,
        good[0].__class__(
            id="BAD-1",
            mine="SYNTHETIC-001",
            found=dt.date(2024, 3, 10),
            closed=dt.date(2024, 3, 1),
        ),
    ]
    path = write_kind_csv(pack.kind("hazard"), bad, tmp_path / "hazards.csv", FIRST_LINE)
    with db.session() as session, pytest.raises(ImportRejected) as caught:
        import_records(session, pack, "hazard", path, actor="clerk")
    found = sorted((e.row, e.column) for e in caught.value.errors)
    assert found == [(7, "closed")]  # a note line and two header lines first
    messages = {e.column: str(e) for e in caught.value.errors}
    assert "早于发现日期" in messages["closed"]
    with db.session() as session:
        assert count(session, PackRecord) == count(session, PackBatch) == 0


def test_the_stored_synthetic_files_are_the_fixed_seed(tmp_path, registry):
    for kind in ("mine", "hazard", "district_month", "hazard_check"):
        rows = {
            "mine": registry.mines,
            "hazard_check": registry.checks,
            "hazard": registry.hazards,
            "district_month": registry.districts,
        }[kind]
        fresh = write_kind_csv(pack.kind(kind), rows, tmp_path / f"{kind}.csv", FIRST_LINE)
        stored = synthetic_file(kind).read_text(encoding="utf-8")
        assert stored.startswith('"合成数据（虚构') and "SYNTHETIC" in stored.splitlines()[0]
        assert fresh.read_text(encoding="utf-8") == stored, f"regenerate {kind}.csv"


def test_the_synthetic_files_import_marked_synthetic(db, registry):
    with db.session() as session:
        results = load_synthetic(session, actor="demo")
    assert [r.rows for r in results] == [
        len(registry.mines),
        len(registry.checks),
        len(registry.hazards),
        len(registry.districts),
    ]
    with db.session() as session:
        batches = session.query(PackBatch).all()
        assert len(batches) == 4 and all(b.synthetic for b in batches)
        mines = load(session, "mines", pack.kind("mine"))
        assert {m.value.id: m.value for m in mines} == {m.id: m for m in registry.mines}
