"""The trade pack's staff pages on the SYNTHETIC project library (and the real published trade
figures): the library with its filters and each project-year's reward as worked out by hand from
the clause; the rewards per district and year; the trade targets with their sources and
clauses; the applications with the rule's check and the decision flow (approve, refuse, mark
paid — each a new version of the record, audited; a decision the rule forbids refused with one
line and nothing written); who may decide; the complaints ledger, overdue first; the overview's
overdue complaints; English headings without Chinese."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from policyledger.packs.trade import pack
from policyledger.packs.trade.figures import load_figures
from policyledger.packs.trade.inputs import Complaint, ComplaintLedger
from policyledger.packs.trade.library import rule_input
from policyledger.packs.trade.overdue import items
from policyledger.packs.trade.synthetic import (
    SEED,
    expected_reward,
    load_synthetic,
    synthetic_trade,
)
from policyledger.storage.models import AuditLog, PackBatch, PackRecord
from policyledger.storage.packs import record_history
from tests.web.bodies_helpers import assert_accessible

CJK = re.compile(r"[\u3400-\u9fff]")
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def data():
    return synthetic_trade(SEED)


@pytest.fixture
def trade_data(ingested):
    with ingested.session() as session:
        load_synthetic(session, actor="test")
        load_figures(session, actor="test")
    return ingested


def _rows(page: str, testid: str, attribute: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}" data-{attribute}="([^"]*)"', page)


def _counts(database) -> tuple[int, int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(PackRecord)),
            session.scalar(select(func.count()).select_from(PackBatch)),
            session.scalar(  # signing in is audited too: count the pack data's rows
                select(func.count())
                .select_from(AuditLog)
                .where(AuditLog.entity.in_(["pack_record", "pack_batch"]))
            ),
        )


def _application_rows(page: str) -> dict[str, dict[str, str]]:
    rows = {}
    for tag in re.findall(r'<tr id="[^"]*" data-testid="application-row"[^>]*>', page, re.S):
        attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', tag))
        rows[attrs["application"]] = attrs
    return rows


# --- /packs/trade ------------------------------------------------------------------------------


def test_the_library_shows_each_project_year_with_its_reward(client_as, trade_data, data):
    page = client_as("viewer").get("/packs/trade").text
    assert_accessible(page)
    assert 'data-testid="synthetic"' in page and "合成数据" in page
    assert sorted(_rows(page, "project-row", "project")) == sorted(p.id for p in data.projects)
    projects = {p.id: p for p in data.projects}
    for year in data.years:
        block = page.split(f'data-project="{year.project}"', 1)[1].split("</tbody>", 1)[0]
        cell = "".join(block.split(f'data-year="{year.year}"', 1)[1].split("</tr>", 2)[:2])
        status, amount = re.search(
            r'data-testid="reward" data-status="(\w+)" data-amount="([^"]*)"', cell
        ).groups()
        expected = expected_reward(projects[year.project], year)
        if expected is None:
            assert status == "unknown", year
        elif expected == 0:
            assert status == "ineligible", year
        else:
            assert status == "eligible" and float(amount) == pytest.approx(expected), year
            assert f"<summary>理由和计算过程 · {year.year}</summary>" in cell  # the working


def test_the_rewards_per_district_and_year(client_as, trade_data, data):
    page = client_as("viewer").get("/packs/trade").text
    projects = {p.id: p for p in data.projects}
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for year in data.years:
        project = projects[year.project]
        expected[(project.district, str(year.year))] += expected_reward(project, year) or 0.0
    shown = re.findall(
        r'data-testid="reward-total" data-district="([^"]*)" data-year="(\d+)" '
        r'data-entitled="([\d.]+)"',
        page,
    )
    assert {(d, y) for d, y, _ in shown} == set(expected)
    for district, year, entitled in shown:
        assert float(entitled) == pytest.approx(expected[(district, year)], abs=0.01)
    city = dict(
        re.findall(r'data-testid="reward-city" data-year="(\d+)" data-entitled="([\d.]+)"', page)
    )
    for year in city:
        total = sum(v for (_, y), v in expected.items() if y == year)
        assert float(city[year]) == pytest.approx(total, abs=0.01)
    chart = re.search(r'data-testid="rewards-chart"[^>]*data-chart="([^"]+)"', page).group(1)
    option = json.loads(html.unescape(chart))
    assert [s["name"] for s in option["series"]] == sorted(city)
    districts = option["xAxis"]["data"]
    for series in option["series"]:
        for district, value in zip(districts, series["data"], strict=True):
            assert value == pytest.approx(expected[(district, series["name"])] / 10000, abs=0.01)


def test_the_trade_targets_with_sources_and_clauses(client_as, trade_data):
    page = client_as("viewer").get("/packs/trade").text
    section = page.split('data-testid="targets"', 1)[1].split("</section>", 1)[0]
    assert "合成数据" not in section and "真实数据" in section  # real published figures
    rows = re.findall(
        r'data-testid="target-row" data-indicator="(\w+)" data-scope="([^"]+)" '
        r'data-status="(\w+)"',
        section,
    )
    modes = {(i, s) for i, s, _ in rows if s == "全市"}
    assert modes == {
        ("trade_total", "全市"),
        ("trade_general", "全市"),
        ("trade_processing", "全市"),
        ("trade_bonded_logistics", "全市"),
        ("import_share", "全市"),
    }
    assert {s for _, s, _ in rows} >= {"central_urban", "new_main_urban"}
    total = section.split('data-indicator="trade_total" data-scope="全市"', 1)[1].split("</tr>")[0]
    # 2024: 7,154.2亿元 against the target of over 1万亿元 (a real figure, with its source)
    assert {(i, s): st for i, s, st in rows}[("trade_total", "全市")] == "not_met"
    assert "7,154.2" in total and "2024年全年" in total and "未达到" in total
    assert re.search(
        r'<a href="https://[^"]+" rel="noopener noreferrer" data-testid="source-link">', total
    )
    assert (
        "《推动外贸高质量发展三年行动计划》二" in total
        and "力争全市外贸进出口总值突破1万亿元" in total
    )
    region = section.split('data-scope="central_urban"', 1)[1].split("</tr>")[0]
    assert "《推动外贸高质量发展三年行动计划》三、（二）6" in region
    chart = re.search(r'data-testid="targets-chart"[^>]*data-chart="([^"]+)"', section).group(1)
    option = json.loads(html.unescape(chart))
    names = option["yAxis"]["data"]
    values, targets = option["series"][0]["data"], option["series"][1]["data"]
    assert values[names.index("全市·外贸进出口总值")] == pytest.approx(7154.2)
    assert targets[names.index("全市·外贸进出口总值")] == 10000


def test_the_library_filters(client_as, trade_data, data):
    viewer = client_as("viewer")
    district = data.projects[0].district
    page = viewer.get("/packs/trade", params={"district": district}).text
    assert sorted(_rows(page, "project-row", "project")) == sorted(
        p.id for p in data.projects if p.district == district
    )
    page = viewer.get("/packs/trade", params={"section": "c", "status": "operating"}).text
    assert sorted(_rows(page, "project-row", "project")) == sorted(
        p.id for p in data.projects if p.industry_section == "C" and p.status == "operating"
    )
    page = viewer.get("/packs/trade", params={"year": "2022"}).text
    with_2022 = sorted({y.project for y in data.years if y.year == 2022})
    assert sorted(_rows(page, "project-row", "project")) == with_2022
    assert set(re.findall(r'data-testid="project-year" data-year="(\d+)"', page)) == {"2022"}
    assert set(
        re.findall(r'data-testid="reward-total" data-district="[^"]*" data-year="(\d+)"', page)
    ) == {"2022"}


# --- /packs/trade/applications -----------------------------------------------------------------


def _check(data, application_id: str):
    """The rule's check of a synthetic application, run here on its own."""
    from policyledger.packs.trade.applications import ApplicationCheckInput
    from policyledger.packs.trade.inputs import Application
    from policyledger.packs.trade.totals import reward_claim

    a = next(a for a in data.applications if a.id == application_id)
    project = next((p for p in data.projects if p.id == a.project), None)
    year = next((y for y in data.years if (y.project, y.year) == (a.project, a.year)), None)
    claim = reward_claim(project, year) if project and year else None
    others = [
        rule_input(o, Application)
        for o in data.applications
        if (o.project, o.year) == (a.project, a.year) and o.id != a.id
    ]
    inputs = ApplicationCheckInput(rule_input(a, Application), claim, others)
    return pack.run("trade.application_check", inputs, dt.date(a.year, 12, 31))


def test_the_applications_with_the_rules_check(client_as, trade_data, data):
    viewer = client_as("viewer")
    page = viewer.get("/packs/trade/applications").text
    assert_accessible(page)
    assert 'data-testid="synthetic"' in page
    rows = _application_rows(page)
    assert set(rows) == {a.id for a in data.applications}
    statuses = [
        rows[i]["status"]
        for i in re.findall(r'data-testid="application-row" data-application="([^"]+)"', page)
    ]
    assert statuses == sorted(statuses, key=("submitted", "approved", "refused", "paid").index)
    for a in data.applications:
        check = _check(data, a.id)
        shown = rows[a.id]
        assert shown["suggestion"] == check.suggestion
        entitled = "" if check.entitled_cny is None else str(check.entitled_cny)
        assert shown["entitled"] == entitled
    assert 'data-testid="approve-form"' not in page  # a reader has no decision forms
    sums = re.findall(
        r'data-testid="sum-row" data-district="[^"]*" data-year="\d+" data-approved="([\d.]+)"',
        page,
    )
    total = sum(a.approved_cny or 0 for a in data.applications)
    assert sum(float(v) for v in sums) == pytest.approx(total, abs=0.01)
    supervisor = client_as("supervisor").get("/packs/trade/applications").text
    assert_accessible(supervisor)
    submitted = [a for a in data.applications if a.status == "submitted"]
    assert supervisor.count('data-testid="approve-form"') == len(submitted)
    assert supervisor.count('data-testid="pay-form"') == sum(
        a.status == "approved" for a in data.applications
    )


def _approvable(data):
    """A submitted application the rule suggests approving, and its suggested amount."""
    for a in data.applications:
        if a.status == "submitted":
            check = _check(data, a.id)
            if check.suggestion == "approve":
                return a, check
    raise AssertionError("no submitted application to approve in the synthetic data")


def _decide(client, application_id: str, **form):
    return client.post(
        f"/packs/trade/applications/{application_id}/decision", data=form, follow_redirects=False
    )


def test_approve_then_pay_keeps_every_version_and_audits(client_as, trade_data, data):
    supervisor = client_as("supervisor")
    a, check = _approvable(data)
    page = supervisor.get("/packs/trade/applications").text
    row = f'data-testid="decision-row" data-application="{a.id}"'
    form = page.split(row, 1)[1].split("</tr>", 1)[0]
    default = f"{check.suggested_cny:.2f}".removesuffix(".00")
    assert f'name="amount" inputmode="decimal" size="12" value="{default}"' in form
    response = _decide(supervisor, a.id, action="approve", amount=f"{check.suggested_cny:.2f}")
    assert response.status_code == 303
    assert response.headers["location"].startswith(
        f"/packs/trade/applications?done=approve&id={a.id}"
    )
    done = supervisor.get(response.headers["location"]).text
    assert (
        'data-testid="decision-done"' in done
        and _application_rows(done)[a.id]["status"] == "approved"
    )
    with trade_data.session() as session:
        history = record_history(session, "trade", "application", a.id)
        assert [(r.version, r.is_current) for r in history] == [(1, False), (2, True)]
        assert history[0].data["status"] == "submitted"  # the old version is kept as it was
        assert history[1].data["status"] == "approved"
        assert history[1].data["approved_cny"] == pytest.approx(check.suggested_cny)
        assert history[1].data["decided"] == TODAY.isoformat()
        assert history[1].supersedes_id == history[0].id
        decision = session.scalars(
            select(AuditLog).where(AuditLog.action == "reward_approve")
        ).one()
        assert decision.actor == "supervisor-all" and decision.entity_id == str(history[1].id)
        assert decision.detail["key"] == a.id and decision.detail["version"] == 2
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditLog)
                .where(AuditLog.action == "supersede", AuditLog.entity_id == str(history[1].id))
            )
            == 1
        )
        batch = session.get(PackBatch, history[1].batch_id)
        assert batch.synthetic  # a decision on synthetic data stays labelled synthetic
    before = _counts(trade_data)
    too_much = _decide(
        supervisor,
        a.id,
        action="pay",
        amount=f"{check.suggested_cny + 1:.2f}",
        date=TODAY.isoformat(),
    )
    assert too_much.status_code == 422
    assert "兑付金额" in too_much.text and "超过核定金额" in too_much.text
    assert "Traceback" not in too_much.text
    assert _counts(trade_data) == before
    paid = _decide(
        supervisor,
        a.id,
        action="pay",
        amount=f"{check.suggested_cny:.2f}",
        date=TODAY.isoformat(),
        version="2",
    )
    assert paid.status_code == 303
    with trade_data.session() as session:
        history = record_history(session, "trade", "application", a.id)
        assert [r.data["status"] for r in history] == ["submitted", "approved", "paid"]
        assert history[-1].data["paid_cny"] == pytest.approx(check.suggested_cny)
        assert (
            session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "reward_pay")
            )
            == 1
        )


def test_decisions_the_rule_forbids_write_nothing(client_as, trade_data, data):
    supervisor = client_as("supervisor")
    a, check = _approvable(data)
    before = _counts(trade_data)
    refused = [
        (
            _decide(supervisor, a.id, action="approve", amount=str(check.entitled_cny + 100)),
            "超过按规则核定的",
        ),
        (_decide(supervisor, a.id, action="refuse", reason="  "), "不予支持须说明理由"),
        (_decide(supervisor, a.id, action="approve", amount="abc"), "不是不小于0"),
        (
            _decide(supervisor, a.id, action="pay", amount="1", date=TODAY.isoformat()),
            "只有“已核定”的申报",
        ),
        (_decide(supervisor, a.id, action="approve", amount="1", version="7"), "已被更新"),
        (_decide(supervisor, "SYNTHETIC-APP-NONE", action="approve", amount="1"), "没有申报"),
    ]
    for response, words in refused:
        assert response.status_code in (404, 409, 422), response.status_code
        line = re.search(r'data-testid="decision-refused"><p>(.*?)</p>', response.text, re.S)
        assert line and words in html.unescape(line.group(1)), words
    assert _counts(trade_data) == before
    # a second application of a project-year whose reward was already approved or paid
    granted = {(x.project, x.year) for x in data.applications if x.status in ("approved", "paid")}
    second = next(
        x for x in data.applications if x.status == "submitted" and (x.project, x.year) in granted
    )
    response = _decide(supervisor, second.id, action="approve", amount="1000")
    assert response.status_code == 422 and "同一方向不重复支持" in response.text
    english = supervisor.post(
        f"/packs/trade/applications/{second.id}/decision?lang=en",
        data={"action": "approve", "amount": "1000"},
    )
    assert (
        "The rule does not allow it: " in english.text
        and "one reward per project and year" in english.text
    )
    assert _counts(trade_data) == before
    refusal = _decide(
        supervisor, second.id, action="refuse", reason="同一项目同一年度已奖励（测试）"
    )
    assert refusal.status_code == 303
    with trade_data.session() as session:
        current = record_history(session, "trade", "application", second.id)[-1]
        assert (
            current.data["status"] == "refused"
            and current.data["reason"] == "同一项目同一年度已奖励（测试）"
        )


def test_who_may_decide(client_as, trade_data, data):
    a, check = _approvable(data)
    before = _counts(trade_data)
    viewer = client_as("viewer")
    response = _decide(viewer, a.id, action="approve", amount=str(check.suggested_cny))
    assert response.status_code == 403 and "Traceback" not in response.text
    reporter = client_as("reporter", "cq.sww")
    assert _decide(reporter, a.id, action="approve", amount="1").status_code == 403
    anonymous = client_as(None)
    from tests.web.auth_helpers import csrf_of

    anonymous.headers["X-CSRF-Token"] = csrf_of(anonymous)
    response = _decide(anonymous, a.id, action="approve", amount="1")
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    page = anonymous.get("/packs/trade", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/packs/trade"
    supervisor = client_as("supervisor")
    del supervisor.headers["X-CSRF-Token"]  # a form without the session's token
    assert _decide(supervisor, a.id, action="approve", amount="1").status_code == 403
    assert _counts(trade_data) == before


# --- complaints and the overview ---------------------------------------------------------------


def test_the_complaints_ledger_overdue_first(client_as, trade_data, data):
    viewer = client_as("viewer")
    page = viewer.get("/packs/trade/complaints").text
    assert_accessible(page)
    assert 'data-testid="synthetic"' in page
    ledger = pack.run(
        "trade.complaints",
        ComplaintLedger(TODAY, [rule_input(c, Complaint) for c in data.complaints]),
        TODAY,
    )
    shown = re.findall(
        r'data-testid="complaint-row" data-complaint="([^"]+)" data-state="(\w+)" '
        r'data-days-overdue="(\d*)"',
        page,
    )
    expected = {
        s.id: (s.state, "" if s.days_overdue is None else str(s.days_overdue))
        for s in ledger.complaints
    }
    assert {i: (s, d) for i, s, d in shown} == expected
    states = [s for _, s, _ in shown]
    overdue = [s for s in states if s == "overdue"]
    assert overdue and states[: len(overdue)] == overdue  # overdue first
    for state in ledger.complaints:
        row = page.split(f'data-complaint="{state.id}"', 1)[1].split("</tr>", 1)[0]
        assert f'data-source="{state.deadline_source}">{state.deadline.isoformat()}' in row
    bodies = dict(
        re.findall(r'data-testid="body-row" data-body="([^"]+)" data-overdue="(\d+)"', page)
    )
    for total in ledger.by_body:
        assert bodies[total.body] == str(total.overdue)
    assert viewer.get("/packs/trade/complaints?on=2024-13-01").status_code == 400


def test_the_overview_lists_the_overdue_complaints(client_as, trade_data, data):
    with trade_data.session() as session:
        found = items(session, TODAY)
    assert found and [i.due for i in found] == sorted(i.due for i in found)  # oldest first
    first = found[0]
    assert first.href == f"/packs/trade/complaints#{first.title_en.split()[1]}"
    assert (
        f"已逾期{first.days_overdue}个工作日" in first.detail_zh
        and str(first.due) in first.detail_zh
    )
    viewer = client_as("viewer")
    page = viewer.get("/").text
    listing = page.split('data-testid="pack-overdue-list"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{first.href}"' in listing and html.escape(first.title_zh) in listing
    english = viewer.get("/?lang=en").text
    assert f"{first.days_overdue} working days overdue" in english


def test_english_headings_have_no_chinese(client_as, trade_data):
    viewer = client_as("supervisor")
    for path in ("/packs/trade", "/packs/trade/applications", "/packs/trade/complaints"):
        page = viewer.get(path, params={"lang": "en"}).text
        main = page.split('<main id="main">', 1)[1]
        headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", main, re.S)
        headings += re.findall(r'<th scope="col"[^>]*>(.*?)</th>', main, re.S)
        headings += re.findall(r"<summary>(.*?)</summary>", main, re.S)
        headings += re.findall(r"<label[^>]*>(.*?)</label>", main, re.S)
        assert headings
        chinese = [h for h in headings if CJK.search(re.sub(r"<[^>]+>", "", h))]
        assert not chinese, (path, chinese)
    assert 'href="/packs/trade"' in viewer.get("/").text  # in the navigation


def test_english_pages_name_districts_and_bodies_in_english(client_as, trade_data):
    from policyledger.storage.queries import find_body

    viewer = client_as("supervisor")
    with trade_data.session() as session:
        english = {
            written: body.name_en
            for written in ("两江新区", "涪陵区", "市商务委")
            if (body := find_body(session, written)) is not None and body.name_en
        }
    assert set(english) == {"两江新区", "涪陵区", "市商务委"}
    library = viewer.get("/packs/trade", params={"lang": "en"}).text
    cells = re.findall(r'<td rowspan="\d+">([^<]+)</td>', library)
    assert html.escape(english["两江新区"]) in cells and "两江新区" not in cells
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', library)
    assert ("两江新区", html.escape(english["两江新区"])) in options  # filters by the stored name
    complaints = viewer.get("/packs/trade/complaints", params={"lang": "en"}).text
    assert html.escape(english["市商务委"]) in complaints
    chinese = viewer.get("/packs/trade/complaints").text
    assert "市商务委" in chinese
