"""The plan, target and search pages: what they show in Chinese and English, the source clause
loaded on demand, the trajectory chart, corrections, old versions, 404s, and the structure
assistive technology relies on (one h1, headings in order, labelled fields, scoped headers)."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re

import pytest
from sqlalchemy import event, select

from policyledger.services.assessment import run_assessment
from policyledger.storage.models import Plan, Target, Task
from policyledger.storage.observations import NewObservation, add_observation, correct_observation
from policyledger.storage.queries import current_targets
from policyledger.storage.statistics import load_sample_statistics
from tests.conftest import SAMPLE

TRADE_PLAN = "重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
ENERGY_PLAN = "重庆市“十四五”节能减排综合工作实施方案"


def plan_id(database, name: str) -> int:
    with database.session() as session:
        return session.scalar(select(Plan.id).where(Plan.name == name).order_by(Plan.id.desc()))


def task_id(database, plan: int, path: str) -> int:
    with database.session() as session:
        return session.scalar(select(Task.id).where(Task.plan_id == plan, Task.path == path))


def target(database, metric: str) -> Target:
    with database.session() as session:
        return session.scalar(current_targets().where(Target.metric == metric))


def task_block(page: str, path: str) -> str:
    found = re.search(rf'data-path="{re.escape(path)}">(.*?)</details>', page, re.S)
    assert found, path
    return found.group(1)


def chart_of(page: str) -> dict:
    found = re.search(r'data-chart="([^"]*)"', page)
    assert found, "no chart"
    return json.loads(html.unescape(found.group(1)))


def series(chart: dict, name: str) -> list:
    (found,) = [s for s in chart["series"] if s["name"] == name]
    return found["data"]


def assert_accessible(page: str) -> None:
    """One h1, no skipped heading level, a label for every field, a scope on every th."""
    main = page.split('<main id="main">', 1)[1]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels
    for field_id in re.findall(r"<(?:input|select|textarea)[^>]*\bid=\"([^\"]+)\"", main):
        assert f'<label for="{field_id}"' in main, field_id
    assert len(re.findall(r"<(?:input|select|textarea)\b", main)) == len(
        re.findall(r"<(?:input|select|textarea)[^>]*\bid=", main)
    )
    assert "<th>" not in main and "<th " not in main.replace("<th scope=", "")
    assert not re.search(r"<a [^>]*>\s*</a>", main)  # every link says something


def test_the_plan_list_shows_documents_counts_and_warnings(site_client, ingested):
    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
        run_assessment(session, dt.date(2024, 12, 31), actor="test")
    response = site_client.get("/plans")
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    assert page.count('<th scope="row">') == 4
    for expected in (TRADE_PLAN, ENERGY_PLAN, "渝府办发〔2022〕107号", "重庆市人民政府办公厅"):
        assert expected in page
    assert f'href="/plans/{plan_id(ingested, TRADE_PLAN)}"' in page
    row = page.split(TRADE_PLAN, 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">29</td>' in row and '<td class="num">33</td>' in row
    assert "黄灯 1" in row  # the 2024 trade total, behind
    assert "2024-12-31" in page


def test_the_trade_plan_page_has_the_clause_tree_and_the_bodies(site_client, ingested):
    plan = plan_id(ingested, TRADE_PLAN)
    response = site_client.get(f"/plans/{plan}")
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    assert f"<h1>{TRADE_PLAN}</h1>" in page
    assert "工作任务" in page and "实施贸产融合提升行动" in page  # 三、 and （一） headings
    block = task_block(page, "三/一/1")
    assert "夯实贸易发展产业基础" in page.split('data-path="三/一/1"')[0][-400:]
    for body in ("市经济信息委", "市发展改革委", "市商务委"):
        assert body in block
    assert "各区县落实" in block
    assert "外向型产业聚集区" in block and "≥ 20个" in block
    assert "无数据" in block  # not assessed yet: a grey chip with text
    task = task_id(ingested, plan, "三/一/1")
    assert f'hx-get="/tasks/{task}/source"' in block


def test_lead_bodies_carry_a_text_badge_in_both_languages(site_client, ingested):
    plan = plan_id(ingested, ENERGY_PLAN)
    with ingested.session() as session:
        path = session.scalar(
            select(Task.path)
            .join(Target, Target.task_id == Task.id)
            .where(Target.metric == "新能源汽车产量")
        )
    block = task_block(site_client.get(f"/plans/{plan}").text, path)
    assert re.search(r"市经济信息委 <span class=\"pl-badge pl-badge-lead\">牵头</span>", block)
    english = task_block(site_client.get(f"/plans/{plan}?lang=en").text, path)
    assert re.search(
        r"Chongqing Municipal Commission of Economy and Information Technology "
        r"<span class=\"pl-badge pl-badge-lead\">lead</span>",
        english,
    )


def test_the_source_clause_marks_the_figures_of_its_targets(site_client, ingested):
    task = task_id(ingested, plan_id(ingested, TRADE_PLAN), "三/一/1")
    response = site_client.get(f"/tasks/{task}/source")
    assert response.status_code == 200
    assert "<mark>20个</mark>" in response.text
    assert response.text.lstrip().startswith("<p")  # a fragment, not a page
    assert "夯实贸易发展产业基础" in response.text
    assert site_client.get("/tasks/999999/source").status_code == 404


def test_the_plan_page_reads_a_handful_of_queries(site_client, ingested):
    plan = plan_id(ingested, ENERGY_PLAN)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(ingested.engine, "before_cursor_execute", count)
    try:
        assert site_client.get(f"/plans/{plan}").status_code == 200
    finally:
        event.remove(ingested.engine, "before_cursor_execute", count)
    assert len(statements) <= 10, statements  # 46 tasks, 40 targets: no query per row


def test_the_target_page_before_and_after_the_published_statistics(site_client, ingested):
    trade = target(ingested, "外贸进出口总值")
    page = site_client.get(f"/targets/{trade.id}").text
    assert_accessible(page)
    assert "≥ 1万亿元" in page and "2024" in page
    assert "暂无数据" in page and "data-chart" not in page  # no values, no baseline: no chart
    assert f'href="/report?target={trade.lineage}"' in page
    assert f'href="/plans/{trade.plan_id}#target-{trade.id}"' in page
    assert "<mark>1万亿元</mark>" in page

    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
        run_assessment(session, dt.date(2024, 12, 31), actor="test")
    page = site_client.get(f"/targets/{trade.id}").text
    assert_accessible(page)
    assert "暂无数据" not in page
    assert "滞后" in page and 'data-testid="reasons"' in page
    history = page.split('data-testid="history"', 1)[1].split("</table>", 1)[0]
    (row_2024,) = [row for row in history.split("</tr>") if ">2024</th>" in row]
    assert "0.71542" in row_2024 and "市商务委" in row_2024
    assert re.search(r'<a href="https?://[^"]+" target="_blank" rel="noopener">', row_2024)
    chart = chart_of(page)
    planned = series(chart, "序时进度")
    assert planned[0] == ["2021-12-31", 0.80006]  # from the plan's start (the 2021 value)
    assert planned[-1] == ["2024-12-31", 1.0]  # to the target at the deadline
    assert ["2024-12-31", 0.71542] in series(chart, "报送值")
    assert {point[1] for point in series(chart, "目标值")} == {1.0}
    assert chart["xAxis"]["name"] == "报告期末"


def test_the_target_page_in_english(site_client, ingested):
    trade = target(ingested, "外贸进出口总值")
    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
    response = site_client.get(f"/targets/{trade.id}?lang=en")
    page = response.text
    assert '<html lang="en">' in page
    assert "Chongqing Municipal Commission of Commerce" in page
    for label in ("Report progress", "Report history", "Reasons" if "Reasons" in page else "Goal"):
        assert label in page
    assert "≥ 1万亿元" in page
    chart = chart_of(page)
    assert series(chart, "Planned path") and series(chart, "Reported")
    assert chart["xAxis"]["name"] == "Period end"


def test_one_value_is_drawn_as_a_point_and_a_correction_is_struck_through(site_client, ingested):
    nev = target(ingested, "新能源汽车产量")
    with ingested.session() as session:
        first = add_observation(
            session,
            NewObservation(nev.lineage, "2023", 50, nev.unit, source_url="https://example.org/a"),
            "test",
        )
    page = site_client.get(f"/targets/{nev.id}").text
    reported = next(s for s in chart_of(page)["series"] if s["name"] == "报送值")
    assert reported["data"] == [["2023-12-31", 50.0]] and reported["showSymbol"] is True
    assert "暂无数据" not in page

    with ingested.session() as session:
        correct_observation(session, first.id, 52.5, "市统计局 revised figure", "test")
    page = site_client.get(f"/targets/{nev.id}").text
    history = page.split('data-testid="history"', 1)[1].split("</table>", 1)[0]
    old, new = history.split("<tbody>", 1)[1].split("</tr>")[:2]
    assert "pl-superseded" in old and "<del>50</del>" in old and "已更正" in old
    assert "52.5" in new and "已更正" not in new and "市统计局 revised figure" in new
    assert series(chart_of(page), "报送值") == [["2023-12-31", 52.5]]


def test_an_old_version_points_to_the_new_one(site_client, ingested, sample_text):
    from policyledger.ingest import extract_text
    from policyledger.storage.ingest import ingest_extraction

    old_plan = plan_id(ingested, TRADE_PLAN)
    old_target = target(ingested, "外贸进出口总值")
    revised = sample_text.replace(
        "力争全市外贸进出口总值突破1万亿元", "力争全市外贸进出口总值突破1.1万亿元"
    )
    with ingested.session() as session:
        ingest_extraction(session, extract_text(revised, SAMPLE.name), actor="test")
    new_plan = plan_id(ingested, TRADE_PLAN)
    new_target = target(ingested, "外贸进出口总值")
    assert new_plan != old_plan
    page = site_client.get(f"/plans/{old_plan}").text
    assert "此文件已有新版本" in page and f'href="/plans/{new_plan}"' in page
    assert "此文件已有新版本" not in site_client.get(f"/plans/{new_plan}").text
    page = site_client.get(f"/targets/{old_target.id}").text
    assert "此文件已有新版本" in page and f'href="/targets/{new_target.id}"' in page
    assert site_client.get("/plans").text.count(f">{TRADE_PLAN}</a>") == 1  # current only


def test_search_finds_documents_tasks_and_targets(site_client, ingested):
    page = site_client.get("/search", params={"q": "外贸"}).text
    assert_accessible(page)
    assert '<label for="search-q">' in page
    documents = page.split('data-testid="hits-documents"', 1)[1].split("</ul>", 1)[0]
    assert "渝府办发〔2022〕107号" in documents
    assert f'href="/plans/{plan_id(ingested, TRADE_PLAN)}"' in documents
    tasks = page.split('data-testid="hits-tasks"', 1)[1].split("</ul>", 1)[0]
    assert "加快引进和培育高能级<mark>外贸</mark>主体" in tasks
    targets = page.split('data-testid="hits-targets"', 1)[1].split("</ul>", 1)[0]
    trade = target(ingested, "外贸进出口总值")
    assert f'href="/targets/{trade.id}"' in targets
    assert "共 1" in page and "共 4" in page and "共 5" in page


def test_search_edge_cases(site_client, monkeypatch):
    empty = site_client.get("/search").text
    assert 'id="search-q"' in empty and "hits-" not in empty and "no-results" not in empty
    blank = site_client.get("/search", params={"q": "   "}).text
    assert "hits-" not in blank and "no-results" not in blank
    nothing = site_client.get("/search", params={"q": "不存在的词语"}).text
    assert 'data-testid="no-results"' in nothing and "不存在的词语" in nothing
    percent = site_client.get("/search", params={"q": "%"}).text  # taken literally
    assert "hits-documents" not in percent and "hits-targets" in percent
    monkeypatch.setattr("policyledger.web.views.search.LIMIT", 2)
    capped = site_client.get("/search", params={"q": "外贸"}).text
    tasks = capped.split('data-testid="hits-tasks"', 1)[1].split("</section>", 1)[0]
    assert tasks.count("<li>") == 2 and 'data-testid="more"' in tasks
    english = site_client.get("/search", params={"q": "外贸", "lang": "en"}).text
    assert "Documents" in english and "Targets" in english


@pytest.mark.parametrize(
    ("url", "zh", "en"),
    [
        ("/plans/999999", "没有这个方案。", "There is no such plan."),
        ("/plans/abc", "没有这个方案。", "There is no such plan."),
        ("/plans/99999999999999999999", "没有这个方案。", "There is no such plan."),
        ("/targets/999999", "没有这个目标。", "There is no such target."),
    ],
)
def test_unknown_pages_are_404_pages(site_client, url, zh, en):
    response = site_client.get(url)
    assert response.status_code == 404
    assert zh in response.text and "<h1>未找到</h1>" in response.text
    assert '<html lang="zh-CN">' in response.text
    english = site_client.get(url, params={"lang": "en"})
    assert english.status_code == 404 and en in english.text
