"""Measure the server-side render time of each main page on the large synthetic ledger
(41 districts × 300 targets × 60 monthly reports ≈ 738,000 observations) and write it to
docs/benchmarks.md. Server-side means: the time the application takes to answer the request
(a TestClient in the same process; no browser, no network).

usage: python benchmarks/bench_pages.py [--db PATH] [--runs N] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
import synthetic
from sqlalchemy import select

from policyledger.services.assessment import run_assessment
from policyledger.storage import open_database
from policyledger.storage.models import Body, Plan, Target
from policyledger.web import create_site

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

GOAL_MS = 300


def prepare(path: Path):
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        empty = session.scalar(select(Target.id).limit(1)) is None
    if empty:
        with database.session() as session:
            synthetic.generate(session)
        with database.session() as session:
            run_assessment(session, dt.date(2025, 12, 31), actor="bench", workers=2)
    add_packs(database)
    return database


def add_packs(database) -> None:
    """The sample gazette (published: the investor page needs 渝府办发〔2022〕107号) and the
    packs' synthetic data, as the demo loads them; nothing when they are already there."""
    from policyledger.cli.common import sample_path
    from policyledger.cli.ledger import ingest_files
    from policyledger.cli.server import _load_energy, _load_mines, _load_trade
    from policyledger.storage.models import Document

    with database.session() as session:
        present = session.scalar(
            select(Document.id).where(Document.doc_number == "渝府办发〔2022〕107号").limit(1)
        )
    if present is None:
        ingest_files(database, [sample_path()], publish=True, actor="bench")
    _load_energy(database)
    _load_mines(database)
    _load_trade(database)


def pages(database) -> list[tuple[str, str]]:
    with database.session() as session:
        plan = session.scalar(select(Plan.id).order_by(Plan.id))
        target = session.scalar(select(Target.id).order_by(Target.id))
        district = session.scalar(select(Body.id).where(Body.kind == "district").order_by(Body.id))
    return [
        ("overview", "/"),
        ("plans", "/plans"),
        ("plan (300 targets)", f"/plans/{plan}"),
        ("target (60 reports)", f"/targets/{target}"),
        ("body (a district)", f"/bodies/{district}"),
        ("rankings", "/rankings"),
        ("report form", f"/report?body={district}"),
        ("search", "/search?q=合成指标1"),
        ("upload form", "/upload"),
        ("energy pack", "/packs/energy"),
        ("mines pack", "/packs/mines"),
        ("trade pack", "/packs/trade"),
        ("reward applications", "/packs/trade/applications"),
        ("complaints", "/packs/trade/complaints"),
        (
            "investors (public, reward calculated)",
            "/public/investors?year=2024&kind=new&industry_section=C"
            "&received_usd=45000000&shareholder_loans_usd=2000000",
        ),
    ]


def token(database) -> str:
    """An API token of a benchmark administrator (made once; pages accept tokens too)."""
    import secrets

    from sqlalchemy import select

    from policyledger.auth import create_token, create_user
    from policyledger.storage.models import User

    with database.session() as session:
        if session.scalar(select(User.id).where(User.username == "bench-admin")) is None:
            create_user(session, "bench-admin", secrets.token_urlsafe(16), "admin", actor="bench")
        return create_token(session, "bench-admin", "bench_pages", actor="bench")[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to reuse (made when missing)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "pages.db"
    database = prepare(path)
    client = TestClient(
        create_site(database), headers={"Authorization": f"Bearer {token(database)}"}
    )
    rows = []
    for name, url in pages(database):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((name, url, statistics.median(times), max(times)))
    lines = [
        f"Written by `python benchmarks/bench_pages.py` on {dt.date.today().isoformat()}: the "
        "time the site takes to answer each page on the synthetic ledger of 12,300 targets and "
        "738,000 observations, with the sample gazette (published) and the packs' synthetic data "
        f"as the demo loads them (SQLite; median and slowest of {args.runs} requests after one "
        f"warm-up, signed in with an API token). Goal: each main page under {GOAL_MS} ms.",
        "",
        "| page | URL | median (ms) | slowest (ms) |",
        "|---|---|---:|---:|",
        *(
            f"| {name} | `{url}` | {median:.0f} | {worst:.0f} |"
            for name, url, median, worst in rows
        ),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        report.write_section("pages", "Web pages on the large ledger", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
