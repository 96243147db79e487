"""The bulletin as one self-contained HTML page (``reports/templates/bulletin.html``, rendered
with Jinja2 directly): the same content as the DOCX, print CSS for A4 with the official margins
and page numbers, Chinese fonts by family name, the charts embedded as ``data:`` URIs."""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from policyledger.reports.bulletin import text
from policyledger.reports.bulletin.model import COLOURS, Bulletin, SectionTable, Subheading

CHART_ORDER = ("plans", "trajectories", "ranking")


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("policyledger.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(bulletin: Bulletin) -> str:
    """The bulletin as HTML (draw the charts into ``bulletin`` first)."""
    drawn = [key for key in CHART_ORDER if key in bulletin.charts]
    uris = {
        key: "data:image/png;base64," + base64.b64encode(bulletin.charts[key].png).decode("ascii")
        for key in drawn
    }
    template = _environment().get_template("bulletin.html")
    return template.render(
        b=bulletin,
        colours=COLOURS,
        warning_names=text.WARNING_NAMES,
        headings=text.HEADINGS,
        rank_headings=text.RANK_HEADINGS,
        scope_line=text.scope_line(bulletin),
        trend_intro=text.trend_intro(bulletin),
        list_intro=text.list_intro,
        ranking_intro=text.ranking_intro,
        missing_intro=text.missing_intro,
        rest_note=text.rest_note,
        plan_rows=text.PLAN_ROWS,
        notes=text.method_notes(),
        notes_heading=text.notes_heading(bulletin),
        pack_sections=list(zip(text.pack_headings(bulletin), bulletin.sections, strict=True)),
        is_table=lambda block: isinstance(block, SectionTable),
        is_subheading=lambda block: isinstance(block, Subheading),
        issuer=text.ISSUER,
        generated=text.date_text(bulletin.generated),
        uris=uris,
        numbers={key: index for index, key in enumerate(drawn, start=1)},
    )
