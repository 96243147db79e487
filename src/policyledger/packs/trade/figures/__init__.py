"""REAL published figures of Chongqing's foreign trade (total, exports, imports, general,
processing and bonded-logistics trade), as records of the trade pack's kind ``trade_figure``.

``trade_figure.csv`` beside this file is :func:`published_figures` of the bundled
``policyledger/data/chongqing-indicators.csv`` (real figures, each with the URL and title of
its source; see ``chongqing-indicators-SOURCES.md`` there), written by
:func:`write_figures_file`. Values and units are kept as published (亿元 or billion yuan). A
figure the source only gave as "超过/突破/exceeded" is marked ``lower_bound``. Where two rows
share a key (indicator, scope, year, period) — the same release reported in Chinese and in
English — the one in 亿元 is kept. :func:`load_figures` imports the file as a batch that is NOT
synthetic."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

from sqlalchemy.orm import Session

from policyledger.packdata.csvrows import kind_csv
from policyledger.packs.trade.library import TradeFigureRecord
from policyledger.packs.trade.records import TRADE_INDICATORS

KIND = "trade_figure"
PREFERRED_UNIT = "亿元"
NOTE = "公开发布数据（真实），来源见各行网址 · real published figures, sources in each row"
FIRST_LINE = (
    "公开发布的重庆外贸进出口数据（真实数据，数值和单位按来源照录，来源见 source_url）"
    "REAL published figures, as published; sources in source_url"
)


def indicators_text() -> str:
    """The bundled file of published Chongqing indicators."""
    source = resources.files("policyledger") / "data" / "chongqing-indicators.csv"
    return source.read_text(encoding="utf-8")


def published_figures(text: str) -> list[TradeFigureRecord]:
    """The trade rows of an indicators CSV (``indicator,scope,year,value,unit,period,
    source_url,source_title,note``) as records, one per key, in the file's order."""
    kept: dict[tuple[str, str, int, str], TradeFigureRecord] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["indicator"] not in TRADE_INDICATORS:
            continue
        figure = TradeFigureRecord(
            indicator=row["indicator"],
            scope=row["scope"].strip(),
            year=int(row["year"]),
            period=row["period"].strip(),
            value=float(row["value"]),
            unit=row["unit"].strip(),
            lower_bound="LOWER BOUND" in row["note"].upper(),
            source_url=row["source_url"].strip() or None,
            source_title=row["source_title"].strip() or None,
        )
        key = (figure.indicator, figure.scope, figure.year, figure.period)
        if key not in kept or (kept[key].unit != PREFERRED_UNIT and figure.unit == PREFERRED_UNIT):
            kept[key] = figure
    return list(kept.values())


def figures_file() -> Path:
    """The committed CSV of the published trade figures."""
    return Path(str(resources.files("policyledger.packs.trade.figures") / f"{KIND}.csv"))


def figures_csv() -> str:
    """The text :func:`write_figures_file` writes (the committed file should be this)."""
    from policyledger.packs.trade import pack

    return kind_csv(pack.kind(KIND), published_figures(indicators_text()), FIRST_LINE)


def write_figures_file(path: Path | None = None) -> Path:
    """Write the published trade figures to ``path`` (default: :func:`figures_file`)."""
    target = path or figures_file()
    target.write_text(figures_csv(), encoding="utf-8")
    return target


def load_figures(session: Session, actor: str = "demo"):
    """Import the published trade figures (not synthetic; a file imported before is skipped);
    return the import result."""
    from policyledger.packdata import import_records
    from policyledger.packs.trade import pack

    return import_records(session, pack, KIND, figures_file(), actor, synthetic=False, note=NOTE)
