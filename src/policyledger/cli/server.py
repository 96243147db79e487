"""``policyledger serve`` and ``policyledger demo``: the web pages and the API."""

from __future__ import annotations

import argparse
import datetime as dt

from policyledger.cli.common import add_db_option, open_ledger, progress, sample_path


def register(commands) -> None:
    serve = commands.add_parser(
        "serve", help="serve the web pages and the REST API (OpenAPI at /api/docs)"
    )
    _server_options(serve)
    add_db_option(serve)
    serve.set_defaults(handler=run_serve)

    demo = commands.add_parser(
        "demo",
        help="ingest the sample gazette, load the published statistics, assess, and serve",
        description="One command for a first look: the bundled 重庆市人民政府公报 2022年第18期 "
        "goes into the ledger (published to the public view) with real published statistics "
        "as progress, every target is assessed as of today, and the API is served. The energy, "
        "mines and trade packs get their synthetic (invented) data, shown as such on their "
        "pages, and the trade pack the real published trade figures. No user "
        "is created: it prints how to create the first administrator.",
    )
    _server_options(demo)
    demo.add_argument("--no-serve", action="store_true", help="prepare the ledger, do not serve")
    add_db_option(demo)
    demo.set_defaults(handler=run_demo)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")


def _serve(database, args: argparse.Namespace) -> None:
    from policyledger.web import serve

    base = f"http://{args.host}:{args.port}"
    progress(f"网页 pages: {base}/   API: {base}/api/docs  (Ctrl+C 停止)")
    serve(database, host=args.host, port=args.port)


def run_serve(args: argparse.Namespace) -> None:
    _serve(open_ledger(args), args)


def _admin_hint(database, args: argparse.Namespace) -> None:
    """Say how to create the first administrator, if there is none (the demo makes no user:
    a known password would be a way in)."""
    import shlex

    from sqlalchemy import select

    from policyledger.storage.models import User

    with database.session() as session:
        admin = session.scalar(
            select(User.id).where(User.role == "admin", User.disabled.is_(False)).limit(1)
        )
    if admin is None:
        db = f" --db {shlex.quote(args.db)}" if args.db else ""
        command = f"policyledger user add admin --role admin{db}"
        progress(f"还没有管理员。创建第一个管理员（会询问密码）：{command}")


def _load_energy(database) -> None:
    """The energy pack's synthetic data (invented; the page and the bulletin say so)."""
    from policyledger.packs.energy.synthetic import load_synthetic

    with database.session() as session:
        results = load_synthetic(session, actor="demo")
    written = sum(r.rows for r in results if not r.already_imported)
    progress(f"能耗双控：载入合成数据（虚构，仅供演示）{written} 条 · synthetic energy data")


def _load_mines(database) -> None:
    """The mines pack's synthetic data (invented; the pages and the bulletin say so)."""
    from policyledger.packs.mines.synthetic import load_synthetic

    with database.session() as session:
        results = load_synthetic(session, actor="demo")
    written = sum(r.rows for r in results if not r.already_imported)
    progress(f"非煤矿山：载入合成数据（虚构，仅供演示）{written} 条 · synthetic mine data")


def _load_trade(database) -> None:
    """The trade pack's synthetic projects, applications and complaints (invented; the pages
    say so) and the real published trade figures."""
    from policyledger.packs.trade.figures import load_figures
    from policyledger.packs.trade.synthetic import load_synthetic

    with database.session() as session:
        results = load_synthetic(session, actor="demo")
        figures = load_figures(session, actor="demo")
    written = sum(r.rows for r in results if not r.already_imported)
    progress(f"外贸外资：载入合成数据（虚构，仅供演示）{written} 条 · synthetic trade data")
    loaded = 0 if figures.already_imported else figures.rows
    progress(f"外贸外资：载入公开发布的外贸数据 {loaded} 条 · published trade figures")


def run_demo(args: argparse.Namespace) -> str | None:
    from policyledger.cli.ledger import assess_ledger, ingest_files
    from policyledger.storage.statistics import load_sample_statistics

    database = open_ledger(args)
    progress(f"账本：{database.url}")
    for line in ingest_files(database, [sample_path()], publish=True, actor="demo"):
        progress(f"入库  {line}")
    with database.session() as session:
        loaded = load_sample_statistics(session, actor="demo")
    progress(f"公开统计数据：新载入 {loaded.loaded} 条，已有 {loaded.already} 条")
    _load_energy(database)
    _load_mines(database)
    _load_trade(database)
    today = dt.date.today()
    for year in range(2021, today.year):  # year-end snapshots: the history the pages plot
        assess_ledger(database, dt.date(year, 12, 31))
    results = assess_ledger(database, today)
    red = sum(r.assessment.warning == "red" for r in results)
    yellow = sum(r.assessment.warning == "yellow" for r in results)
    progress(f"评估（截至 {today}）：{len(results)} 个目标，红灯 {red}，黄灯 {yellow}")
    _admin_hint(database, args)
    if args.no_serve:
        return None
    _serve(database, args)
    return None
