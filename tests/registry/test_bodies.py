"""Tests for the registry of responsible bodies (data/bodies.csv and its resolver)."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from policyledger.registry import Body, Registry, default_registry
from policyledger.registry.bodies import COLUMNS, KINDS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLD = FIXTURES / "cq-gazette-2022-18.gold.json"
# Collective phrases the gold answer lists as units; they are not bodies.
COLLECTIVE = {"市级有关部门", "各综合保税区管委会"}

# Every body named in the responsibility notes of tests/fixtures/corpus/*.txt (State Council
# documents), as written there, trailing 等 removed.
CORPUS_NAMES = [
    "农业农村部",
    "财政部",
    "工业和信息化部",
    "商务部",
    "发展改革委",
    "国家发展改革委",
    "生态环境部",
    "海关总署",
    "体育总局",
    "市场监管总局",
    "人力资源社会保障部",
    "文化和旅游部",
    "人民银行",
    "住房城乡建设部",
    "扶贫办",
    "科技部",
    "交通运输部",
    "银保监会",
    "税务总局",
    "自然资源部",
    "公安部",
    "教育部",
    "供销合作总社",
    "国管局",
    "民政部",
    "国资委",
    "证监会",
    "全国总工会",
    "中央宣传部",
    "广电总局",
    "北京冬奥组委",
    "统计局",
    "国家统计局",
    "卫生健康委",
    "国家卫生健康委",
    "国际发展合作署",
    "民航局",
    "药监局",
    "文物局",
    "中央统战部",
    "中央和国家机关工委",
    "中央军委政治工作部",
    "全国工商联",
    "共青团中央",
    "全国妇联",
    "粮食和储备局",
    "邮政局",
    "国家邮政局",
    "医保局",
    "网信办",
    "应急部",
    "标准委",
    "版权局",
    "司法部",
    "外交部",
    "水利部",
    "海洋局",
    "空管委办公室",
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return default_registry()


def _csv_rows() -> list[dict[str, str]]:
    data = resources.files("policyledger") / "data" / "bodies.csv"
    with data.open("r", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == COLUMNS
        rows = list(reader)
    assert all(len(row) == len(COLUMNS) for row in rows)
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def _gold_tasks() -> list[list[str]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [task["units"] for doc in gold["documents"] for task in doc["tasks"] if task["units"]]


# --- the sample gazette ----------------------------------------------------


def test_every_gold_unit_resolves_to_a_chongqing_body(registry: Registry) -> None:
    unresolved = []
    for units in _gold_tasks():
        for unit in units:
            if unit in COLLECTIVE:
                continue
            body = registry.resolve(unit, context=units)
            if body is None or body.jurisdiction != "cq":
                unresolved.append((unit, body))
    assert unresolved == []


def test_gold_units_resolve_without_context_too(registry: Registry) -> None:
    names = {u for units in _gold_tasks() for u in units} - COLLECTIVE - {"生态环境局"}
    assert [n for n in sorted(names) if registry.resolve(n) is None] == []


def test_spelling_variants_resolve_to_one_body(registry: Registry) -> None:
    a = registry.resolve("市住房城乡建委")
    b = registry.resolve("市住房城乡建设委")
    assert a is not None and a == b
    assert a.full_name == "重庆市住房和城乡建设委员会"


def test_bare_name_among_municipal_siblings(registry: Registry) -> None:
    body = registry.resolve("生态环境局", context=["市发展改革委", "生态环境局", "市经济信息委"])
    assert body is not None and body.name == "市生态环境局"
    assert registry.resolve("生态环境局") is None  # no context: unknown, never guessed


def test_collective_phrases_are_not_bodies(registry: Registry) -> None:
    for phrase in COLLECTIVE:
        assert registry.resolve(phrase) is None


# --- national documents ----------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_names_resolve_nationally(registry: Registry, name: str) -> None:
    body = registry.resolve(name, jurisdiction="cn")
    assert body is not None, name
    assert body.jurisdiction == "cn"


def test_national_and_local_forms_do_not_mix(registry: Registry) -> None:
    ndrc = registry.resolve("发展改革委", context=["财政部", "商务部"])
    assert ndrc is not None and ndrc.id == "cn.ndrc"
    assert registry.resolve("国家发展改革委") == ndrc
    fgw = registry.resolve("发展改革委", context=["市财政局", "市商务委"])
    assert fgw is not None and fgw.id == "cq.fgw"
    assert registry.resolve("统计局", jurisdiction="cq") == registry.get("cq.tjj")
    assert registry.resolve("统计局", jurisdiction="cn") == registry.get("cn.nbs")
    samr = registry.resolve("市场监管总局", context=["农业农村部", "海关总署"])
    assert samr is not None and samr.id == "cn.samr"
    # a national name keeps resolving in a Chongqing note when there is no local counterpart
    assert registry.resolve("海关总署", jurisdiction="cq") == registry.get("cn.gacc")


# --- normalisation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "body_id"),
    [
        ("市市场监管局等", "cq.scjgj"),
        ("  市财政局等有关部门 ", "cq.czj"),
        ("市经济 信息委", "cq.jjxxw"),
        ("重庆市发展改革委", "cq.fgw"),
        ("重庆市发改委", "cq.fgw"),
        ("重庆市教委", "cq.jw"),
        ("重庆市市场监管局", "cq.scjgj"),
        ("重庆两江新区", "cq.z.liangjiang"),
        ("重庆市渝中区", "cq.d.yuzhong"),
        ("秀山县", "cq.d.xiushan"),
        ("梁平县", "cq.d.liangping"),
        ("武隆县", "cq.d.wulong"),
        ("重庆海关", "cq.c.customs"),
        ("税务局", "cq.c.tax"),
    ],
)
def test_written_forms(registry: Registry, written: str, body_id: str) -> None:
    context = ["市商务委", "市发展改革委"] if written == "税务局" else ()
    body = registry.resolve(written, context=context)
    assert body is not None and body.id == body_id


@pytest.mark.parametrize(
    "written", ["", "  ", "等", "火星管理局", "市火星管理局", "重庆市火星局", "各区县政府"]
)
def test_unknown_names_return_none(registry: Registry, written: str) -> None:
    assert registry.resolve(written) is None
    assert registry.resolve(written, context=["市财政局", "市商务委"], jurisdiction="cq") is None


# --- the data file ---------------------------------------------------------


def test_csv_ids_and_columns() -> None:
    rows = _csv_rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"(cq|cn)(\.[a-z0-9_]+)+", i) for i in ids), ids
    known = set(ids)
    for r in rows:
        assert r["kind"] in KINDS
        assert r["jurisdiction"] == r["id"].split(".")[0]
        assert r["name"] and r["full_name"]
        assert r["parent"] == "" or r["parent"] in known
        assert all(cell == cell.strip() for cell in r.values())


def test_no_written_form_belongs_to_two_rows(registry: Registry) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for body in registry.bodies():
        for form in body.written_forms:
            assert not re.search(r"\s", form) and not form.endswith("等"), (body.id, form)
            if owner.setdefault(form, body.id) != body.id:
                clashes.append((form, owner[form], body.id))
    assert clashes == []


def test_districts_and_development_zones(registry: Registry) -> None:
    rows = _csv_rows()
    districts = [r for r in rows if r["kind"] == "district"]
    assert len(districts) == 38
    assert all(r["name_en"] for r in districts)
    zones = {r["name"] for r in rows if r["kind"] == "development_zone"}
    assert {"两江新区", "西部科学城重庆高新区", "万盛经开区"} <= zones
    listed = registry.districts()
    assert len(listed) == len(districts) + len(zones)
    assert all(isinstance(b, Body) and b.jurisdiction == "cq" for b in listed)


def test_default_registry_is_loaded_once() -> None:
    assert default_registry() is default_registry()


def test_shared_form_prefers_the_wanted_jurisdiction(tmp_path: Path) -> None:
    path = tmp_path / "bodies.csv"
    path.write_text(
        ",".join(COLUMNS)
        + "\ncq.fgw,municipal_department,cq,市发展改革委,,,发展改革委,"
        + "\ncn.ndrc,national_ministry,cn,国家发展改革委,,,发展改革委,\n",
        encoding="utf-8",
    )
    registry = Registry.from_csv(path)
    assert registry.resolve("发展改革委", jurisdiction="cn") == registry.get("cn.ndrc")
    assert registry.resolve("发展改革委", jurisdiction="cq") == registry.get("cq.fgw")
    assert registry.resolve("发展改革委", context=["市财政局"]) == registry.get("cq.fgw")


def test_from_csv_rejects_ambiguous_forms(tmp_path: Path) -> None:
    path = tmp_path / "bodies.csv"
    header = ",".join(COLUMNS)
    path.write_text(
        f"{header}\ncq.a,other,cq,甲局,,,乙局,\ncq.b,other,cq,乙局,,,,\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="乙局"):
        Registry.from_csv(path)
    path.write_text(f"{header}\ncq.a,other,cq,甲局,,,,cq.zz\n", encoding="utf-8")
    with pytest.raises(ValueError, match="parent"):
        Registry.from_csv(str(path))
