"""``policyledger pack list|template|import`` end to end: a template written, a bad file refused
with every error on stderr by row and column, a good one imported, an unknown kind one line."""

from __future__ import annotations

from openpyxl import load_workbook

from policyledger import cli
from tests.packdata.helpers import ENERGY_HEADER, write_rows


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_the_kinds_and_their_columns(capsys):
    code, out, err = run(capsys, "pack", "list", "energy")
    assert code == 0, err
    assert "  district_energy  区县能源消费数据（全年或自年初累计至季末）" in out
    assert "      key: district, year, quarter; rules: energy.intensity" in out
    assert "      gdp  地区生产总值（2020年不变价） [亿元]  数字, required" in out
    assert "  pollutant_project  主要污染物重点工程减排量" in out


def test_template_then_import(capsys, tmp_path, database_url, db):
    template = tmp_path / "units.xlsx"
    code, out, err = run(capsys, "pack", "template", "energy", "key_unit", "-o", str(template))
    assert code == 0, err
    assert out.startswith("已写出 重点用能单位年度情况 模板")
    assert [c.value for c in load_workbook(template).worksheets[0][2]][:3] == [
        "code",
        "year",
        "name",
    ]

    bad = write_rows(
        tmp_path / "bad.csv",
        ENERGY_HEADER,
        [["渝中区", 2023, 1, 100, 10, None], ["无此区", 2023, 1, "x", 10, None]],
    )
    code, out, err = run(
        capsys, "pack", "import", "energy", "district_energy", str(bad), "--db", database_url
    )
    assert code == 1 and out == ""
    assert "  第3行 row 3, district: 区县“无此区”不在单位名录中" in err
    assert "  第3行 row 3, gdp: 地区生产总值（2020年不变价）应为数字" in err
    assert "policyledger: error: bad.csv: 1 row has errors; nothing was imported" in err

    good = write_rows(tmp_path / "good.csv", ENERGY_HEADER, [["渝中区", 2023, 1, 100, 10, None]])
    code, out, err = run(
        capsys, "pack", "import", "energy", "district_energy", str(good), "--db", database_url
    )
    assert code == 0, err
    assert "imported 1 rows as batch" in out


def test_an_unknown_kind_is_one_line(capsys, tmp_path):
    code, out, err = run(
        capsys, "pack", "template", "energy", "nope", "-o", str(tmp_path / "x.xlsx")
    )
    assert code == 1 and out == ""
    assert err == (
        "policyledger: error: pack energy has no kind of record 'nope' (kinds: district_energy, "
        "two_high_project, key_unit, pollutant_project)\n"
    )
