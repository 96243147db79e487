"""Helpers of the body, rankings, report and upload page tests: the page structure assistive
technology relies on, an assessed sample ledger, the charts' options, and rows counted."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re

from sqlalchemy import func, select

from policyledger.services.assessment import run_assessment
from policyledger.storage.models import Observation, Target
from policyledger.storage.queries import current_targets
from policyledger.storage.statistics import load_sample_statistics
from tests.reporting.helpers import EV

AS_OF = dt.date(2024, 12, 31)


def assert_accessible(page: str) -> None:
    """One h1, headings in order, a label for every visible field, a scope on every th."""
    main = page.split('<main id="main">', 1)[1]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", main)
    for field in fields:
        if 'type="hidden"' in field:
            continue
        found = re.search(r'\bid="([^"]+)"', field)
        assert found, field
        assert f'<label for="{found.group(1)}"' in main, field
    assert "<th>" not in main and "<th " not in main.replace("<th scope=", "")
    assert not re.search(r"<a [^>]*>\s*</a>", main)


def assess(database) -> None:
    with database.session() as session:
        load_sample_statistics(session, actor="test")
        run_assessment(session, AS_OF, actor="test")


def chart(page: str, testid: str) -> tuple[str, dict]:
    """The element with ``data-testid`` (its opening tag) and its ECharts option."""
    tag = re.search(rf'<div [^>]*data-testid="{testid}"[^>]*>', page, re.S)
    assert tag, testid
    option = re.search(r'data-chart="([^"]*)"', tag.group(0))
    assert option, testid
    return tag.group(0), json.loads(html.unescape(option.group(1)))


def observations(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Observation))


def ev_target(database) -> Target:
    with database.session() as session:
        return session.scalar(current_targets().where(Target.metric == EV))
