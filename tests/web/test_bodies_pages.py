"""The body, bodies and rankings pages: a department's and a district's tasks, targets and
scorecard (its parts add up to its score, as the assessment service computes it); both rankings
with the district map and its bar chart; English names; and a 404 for an unknown body."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from policyledger.services.assessment import evaluate, rankings
from policyledger.storage.models import Plan, Task
from policyledger.storage.queries import current_tasks, find_body, targets_owned_by
from policyledger.web.views.rankings import map_regions
from tests.web.bodies_helpers import AS_OF, assert_accessible, assess, chart, ev_target

# --- body pages ----------------------------------------------------------------------------------


def test_the_commerce_commission_page_lists_tasks_targets_and_a_scorecard(site_client, ingested):
    assess(ingested)
    response = site_client.get("/bodies/市商务委")
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    assert '<h1 data-testid="body-name">市商务委</h1>' in page
    assert "Chongqing Municipal Commission of Commerce" in page and "市级部门" in page
    with ingested.session() as session:
        body = find_body(session, "市商务委")
        plan, task = session.execute(
            select(Plan.id, Task.id)
            .join(Task, Task.plan_id == Plan.id)
            .where(Task.heading == "夯实贸易发展产业基础")
        ).one()
        owned = targets_owned_by(session, body)
    assert page.count('data-testid="task"') == 47  # co-operating on 47 tasks
    assert f'href="/plans/{plan}#task-{task}"' in page and "配合" in page
    assert page.count('data-testid="target" ') == len(owned) == 33
    ev = ev_target(ingested)
    assert f'href="/targets/{ev.id}">全市·新能源汽车产量</a>' in page
    assert page.count('class="chip chip-') == len(owned)  # a status chip, with text, each
    assert "滞后" in page and "进度正常" in page and "无数据" in page  # statuses, in words
    # the scorecard: every part with value, weight and contribution; the total is their sum
    card = page.split('data-testid="scorecard"', 1)[1].split("</table>", 1)[0]
    contributions = [float(x) for x in re.findall(r'data-contribution="([-0-9.]+)"', card)]
    parts = re.findall(r'data-part="(\w+)"', card)
    assert parts == ["green", "red", "on_time"]
    score = float(re.search(r'data-score="([-0-9.]+)"', page).group(1))
    assert sum(contributions) == pytest.approx(score, abs=1e-5)
    for label in ("绿灯占比", "红灯占比", "按时报送率", "权重", "得分贡献", "合计"):
        assert label in card
    # the same score and rank as the assessment service computes from fresh results
    with ingested.session() as session:
        ranked = rankings(session, evaluate(session, AS_OF), "department")
    mine = next(r for r in ranked if r.body.id == "cq.sww")
    assert score == pytest.approx(mine.ranked.score, abs=1e-5)
    rank = re.search(r'data-testid="rank">(.*?)</p>', page, re.S).group(1)
    assert f"第 {mine.ranked.rank} 名" in rank and f"/ {len(ranked)}" in rank


def test_a_district_page_lists_the_tasks_districts_carry_out(site_client, ingested):
    response = site_client.get("/bodies/渝中区")
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    assert '<h1 data-testid="body-name">渝中区</h1>' in page and "Yuzhong District" in page
    with ingested.session() as session:
        carried = session.scalars(current_tasks().where(Task.districts_responsible.is_(True))).all()
    assert len(carried) > 0
    assert page.count('data-testid="task"') == len(carried)
    assert page.count("区县落实") >= len(carried)
    for task in carried[:5]:
        assert f'href="/plans/{task.plan_id}#task-{task.id}"' in page
    assert "尚未评估" in page  # no assessment stored: said in words
    by_id = site_client.get("/bodies/cq.d.yuzhong")
    assert by_id.status_code == 200 and '<h1 data-testid="body-name">渝中区</h1>' in by_id.text


def test_the_bodies_list_links_every_group_and_filters(site_client):
    page = site_client.get("/bodies").text
    assert_accessible(page)
    assert 'href="/bodies/cq.sww">市商务委</a>' in page
    assert 'href="/bodies/cq.d.yuzhong">渝中区</a>' in page
    for group in ("区县", "开发区", "市级部门"):
        assert "<h2 " in page and group in page
    filtered = site_client.get("/bodies", params={"q": "渝中"}).text
    assert 'data-body="cq.d.yuzhong"' in filtered and 'data-body="cq.sww"' not in filtered


def test_an_unknown_body_is_a_404_page(site_client):
    response = site_client.get("/bodies/没有这个单位")
    assert response.status_code == 404
    assert "没有这个单位" in response.text and 'data-testid="not-found"' in response.text


# --- rankings ------------------------------------------------------------------------------------


def test_the_rankings_page_has_both_rankings_and_the_district_map(site_client, ingested):
    assess(ingested)
    response = site_client.get("/rankings")
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    with ingested.session() as session:
        results = evaluate(session, AS_OF)
        expected = {kind: rankings(session, results, kind) for kind in ("district", "department")}
    for kind in ("district", "department"):
        table = page.split(f'data-testid="{kind}-ranking-table"', 1)[1].split("</table>", 1)[0]
        rows = re.findall(
            r'data-testid="ranking-row" data-body="([^"]+)" data-rank="(\d+)" data-score="([-0-9.]+)"',
            table,
        )
        assert [(b, int(r)) for b, r, _ in rows] == [
            (x.body.id, x.ranked.rank) for x in expected[kind]
        ]
        for (_, _, score), x in zip(rows, expected[kind], strict=True):
            assert float(score) == pytest.approx(x.ranked.score, abs=1e-5)
        assert "绿灯占比" in table and "按时报送率" in table and " × " in table
    # ties share a rank: the districts all own the same shared targets here
    district_ranks = re.findall(r'data-body="cq\.[dz]\.[^"]+" data-rank="(\d+)"', page)
    assert len(district_ranks) == 42 and set(district_ranks) == {"1"}
    assert "并列" in page
    # the map: a map series over the vendored boundaries, one entry per polygon
    tag, option = chart(page, "district-map")
    assert 'data-map="/static/vendor/chongqing-districts.json"' in tag
    assert 'data-map-name="chongqing"' in tag and 'role="img"' in tag
    (series,) = option["series"]
    assert series["type"] == "map" and series["map"] == "chongqing"
    names = {d["name"] for d in series["data"]}
    assert names == set(map_regions()) and len(names) == 38
    yuzhong = next(d for d in series["data"] if d["name"] == "渝中区")
    assert yuzhong["value"] == 0 and "得分" in yuzhong["tooltip"]["formatter"]
    assert "黄灯" in yuzhong["tooltip"]["formatter"]
    pieces = option["visualMap"]["pieces"]
    assert all(p["label"] for p in pieces) and len(pieces) == 5
    # the same data as bars, development zones included, and the caveats in words
    _, bars = chart(page, "district-bars")
    assert len(bars["yAxis"]["data"]) == 42 and "两江新区" in bars["yAxis"]["data"]
    off_map = re.search(r'data-testid="off-map">(.*?)</span>', page, re.S).group(1)
    for zone in ("两江新区", "西部科学城重庆高新区", "万盛经开区"):
        assert zone in off_map
    assert "审图号" in page and "红灯占比" in page
    assert '<script src="/static/vendor/echarts-6.1.0.min.js" defer></script>' in page


def test_the_rankings_page_without_an_assessment_says_so(site_client):
    page = site_client.get("/rankings").text
    assert 'data-testid="no-assessment"' in page and "尚未评估" in page
    assert "data-chart" not in page


def test_english_shows_english_names(site_client, ingested):
    assess(ingested)
    body = site_client.get("/bodies/市商务委?lang=en").text
    assert '<h1 data-testid="body-name">Chongqing Municipal Commission of Commerce</h1>' in body
    assert "My tasks" in body and "My targets" in body and "Share at red" in body
    page = site_client.get("/rankings?lang=en").text
    assert "Yuzhong District" in page and "Districts" in page and "Departments" in page
    _, option = chart(page, "district-map")
    (series,) = option["series"]
    assert series["nameMap"]["渝中区"] == "Yuzhong District"
    assert "Yuzhong District" in {d["name"] for d in series["data"]}
