"""Load test (issue 6): hold N concurrent users (50) for S seconds (60) against a real server on
the benchmark ledger, and write the numbers to docs/benchmarks.md (section ``load``).

    .venv/bin/python benchmarks/bench_load.py [--db PATH_OR_URL] [--postgres [SERVER_URL]]
                                              [--users 50] [--seconds 60] [--think 1 0]
                                              [--port P] [--no-write]

The ledger: ``--db`` (a SQLite path or a database URL), built there when it holds no target;
by default the synthetic SQLite ledger of bench_ledger (41 districts × 300 targets × 60
monthly reports ≈ 738,000 observations, assessed at 2025-12-31), cached in the temp folder.
``--postgres`` runs the same again on a scratch database of a PostgreSQL server (built, then
dropped).

The server: ``policyledger serve`` (one uvicorn process, the web site with the API under
/api) in a subprocess, its log kept in the temp folder. The users: a viewer and a supervisor
account with an API token per simulated user (people do not share tokens), sent as
``Authorization: Bearer``. Each user loops over a mix of what people do — a page of the target
list, a target, its reported values, the rankings of districts or departments, a plan (300
targets) — and about one request in ten is a write: a supervisor reports a value for a target.
``--think S`` waits a random 0–2·S seconds between a user's requests (S = 1: like people
reading the page; S = 0: back to back, the server saturated); each value given is one run.

Every request's status and latency is recorded; any non-2xx answer (or a connection error or a
time-out, counted as status 0) is an error. The goal: error rate 0 (the script exits 1
otherwise) and p95 recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import platform
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
import synthetic

from policyledger.auth.users import AuthError, create_token, create_user, find_user
from policyledger.services.assessment import run_assessment
from policyledger.storage import open_database
from policyledger.storage.db import Database, resolve_url
from policyledger.storage.models import AssessmentRow, Observation, Plan, Target
from policyledger.storage.queries import current_targets
from policyledger.storage.scratch import scratch_database

CACHED = Path(tempfile.gettempdir()) / "policyledger-bench-load.db"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
AS_OF = dt.date(2025, 12, 31)
USERS = {"viewer": "bench-load-viewer", "supervisor": "bench-load-supervisor"}
# what a user does next, with its weight (a write about one request in ten)
MIX = {
    "GET /api/targets?offset=…": 22,
    "GET /api/targets/{id}": 20,
    "GET /api/targets/{id}/observations": 20,
    "GET /api/rankings?kind=…": 14,
    "GET /api/plans/{id}": 14,
    "POST /api/targets/{id}/observations": 10,
}
TIMEOUT = 60.0


# --- the ledger, the users and the server ---------------------------------------------------------


def prepare(db: str | None) -> tuple[Database, str, dict[str, int]]:
    """Open (building it when empty) the benchmark ledger; return it, its URL and its size."""
    url = resolve_url(db or str(CACHED))
    database = open_database(url)
    with database.session() as session:
        empty = session.scalar(select(Target.id).limit(1)) is None
    if empty:
        print(f"building the synthetic ledger in {database.url} …", file=sys.stderr)
        start = time.perf_counter()
        with database.session() as session:
            synthetic.generate(session)
        print(f"   generated in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    with database.session() as session:
        assessed = session.scalar(select(AssessmentRow.id).limit(1)) is not None
    if not assessed:
        print(f"assessing every target at {AS_OF} …", file=sys.stderr)
        with database.session() as session:
            run_assessment(session, AS_OF, actor="bench", workers=os.cpu_count() or 1)
    with database.session() as session:
        size = {
            "targets": session.scalar(select(func.count()).select_from(Target)) or 0,
            "observations": session.scalar(select(func.count()).select_from(Observation)) or 0,
        }
    return database, url, size


def tokens(database: Database, users: int) -> dict[str, list[str]]:
    """An API token per simulated user, of the viewer and of the supervisor account (made
    when missing, with a random password nobody needs)."""
    out: dict[str, list[str]] = {}
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    with database.session() as session:
        for role, username in USERS.items():
            try:
                find_user(session, username)
            except AuthError:
                create_user(session, username, secrets.token_urlsafe(18), role, actor="bench")
            out[role] = [
                create_token(session, username, f"load {stamp} #{i}", actor="bench")[1]
                for i in range(users)
            ]
    return out


@dataclass(frozen=True)
class Ledger:
    """What the users pick from: target ids (with units), plan ids."""

    targets: list[tuple[int, str]]
    plans: list[int]


def ledger_ids(database: Database) -> Ledger:
    with database.session() as session:
        targets = [(t.id, t.unit) for t in session.scalars(current_targets())]
        plans = list(session.scalars(select(Plan.id).order_by(Plan.id)))
    if not targets or not plans:
        raise SystemExit("the ledger has no targets or plans to ask for")
    return Ledger(targets, plans)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    """``policyledger serve`` on the ledger, answering once /api/health does."""
    command = [sys.executable, "-m", "policyledger", "serve", "--db", url, "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"the server did not answer within 60 s; see {log}")


# --- the users ------------------------------------------------------------------------------------


@dataclass
class Results:
    """Every request: (endpoint, status, milliseconds); the errors by status and answer, with
    an example request of each."""

    requests: list[tuple[str, int, float]] = field(default_factory=list)
    errors: Counter[tuple[int, str]] = field(default_factory=Counter)
    examples: dict[tuple[int, str], str] = field(default_factory=dict)


def _request(
    kind: str, rng: random.Random, ledger: Ledger, user: int
) -> tuple[str, str, dict | None]:
    """(method, URL, JSON body) of a request of this kind."""
    target, unit = rng.choice(ledger.targets)
    if kind == "GET /api/targets?offset=…":
        page = rng.randrange(max(1, len(ledger.targets) // 50))
        return "GET", f"/api/targets?limit=50&offset={page * 50}", None
    if kind == "GET /api/targets/{id}":
        return "GET", f"/api/targets/{target}", None
    if kind == "GET /api/targets/{id}/observations":
        return "GET", f"/api/targets/{target}/observations", None
    if kind == "GET /api/rankings?kind=…":
        return "GET", f"/api/rankings?kind={rng.choice(('district', 'department'))}", None
    if kind == "GET /api/plans/{id}":
        return "GET", f"/api/plans/{rng.choice(ledger.plans)}", None
    body = {
        "period": f"2026-{rng.randint(1, 12):02d}",
        "value": round(rng.uniform(0, 100), 2),
        "unit": unit,
        "note": f"load test, user {user}",
    }
    return "POST", f"/api/targets/{target}/observations", body


async def _user(
    index: int,
    base: str,
    viewer: str,
    supervisor: str,
    ledger: Ledger,
    stop: float,
    think: float,
    results: Results,
) -> None:
    rng = random.Random(index)
    kinds, weights = list(MIX), list(MIX.values())
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT, limits=limits) as client:
        while time.perf_counter() < stop:
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))
                if time.perf_counter() >= stop:
                    break
            kind = rng.choices(kinds, weights)[0]
            method, url, body = _request(kind, rng, ledger, index)
            token = supervisor if method == "POST" else viewer
            headers = {"Authorization": f"Bearer {token}"}
            started = time.perf_counter()
            try:
                response = await client.request(method, url, json=body, headers=headers)
                status, answer = response.status_code, response.text[:200]
            except httpx.HTTPError as error:
                status, answer = 0, f"{type(error).__name__} {error}"[:200]
            elapsed = (time.perf_counter() - started) * 1000
            results.requests.append((kind, status, elapsed))
            if not 200 <= status < 300:
                results.errors[(status, answer)] += 1
                results.examples.setdefault((status, answer), f"{method} {url}")


async def _warm_up(base: str, viewer: str, ledger: Ledger) -> None:
    """One request of each read (the first rankings fill the server's cache)."""
    rng = random.Random(0)
    headers = {"Authorization": f"Bearer {viewer}"}
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT, headers=headers) as client:
        for kind in MIX:
            method, url, _body = _request(kind, rng, ledger, 0)
            if method == "GET":
                response = await client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"warm-up {url}: {response.status_code} {response.text[:300]}")
        for kind in ("district", "department"):
            await client.get(f"/api/rankings?kind={kind}")


async def run_load(
    base: str,
    tokens_by_role: dict[str, list[str]],
    ledger: Ledger,
    users: int,
    seconds: float,
    think: float,
) -> tuple[Results, float]:
    """``users`` users for ``seconds``; returns the results and the wall time they took."""
    await _warm_up(base, tokens_by_role["viewer"][0], ledger)
    results = Results()
    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(
        *(
            _user(
                i,
                base,
                tokens_by_role["viewer"][i],
                tokens_by_role["supervisor"][i],
                ledger,
                stop,
                think,
                results,
            )
            for i in range(users)
        )
    )
    return results, time.perf_counter() - started


def server_errors(log: Path) -> tuple[int, Counter[str]]:
    """The tracebacks in the server's log, and the exceptions they end with."""
    text = log.read_text(encoding="utf-8", errors="replace")
    exceptions: Counter[str] = Counter(
        line.strip()[:160]
        for line in text.splitlines()
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Timeout)\b.*:", line)
    )
    return text.count("Traceback (most recent call last)"), exceptions


# --- the numbers ----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (``q`` in 0–100) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Row:
    what: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    slowest: float


def rows_of(results: Results) -> list[Row]:
    by_kind: dict[str, list[tuple[int, float]]] = {}
    for kind, status, ms in results.requests:
        by_kind.setdefault(kind, []).append((status, ms))
    groups = [(kind, by_kind[kind]) for kind in MIX if kind in by_kind]
    groups.append(("all requests", [(s, ms) for _k, s, ms in results.requests]))
    out = []
    for what, items in groups:
        times = [ms for _s, ms in items]
        errors = sum(not 200 <= s < 300 for s, _ms in items)
        out.append(
            Row(
                what,
                len(items),
                errors,
                percentile(times, 50),
                percentile(times, 95),
                percentile(times, 99),
                max(times),
            )
        )
    return out


def table(results: Results, users: int, think: float, wall: float) -> list[str]:
    rows = rows_of(results)
    total = rows[-1]
    statuses = Counter(status for _k, status, _ms in results.requests)
    label = f"think time 0–{2 * think:g} s (mean {think:g} s)" if think else "back to back"
    lines = [
        f"#### {users} users, {label}",
        "",
        f"{total.requests:,} requests in {wall:.1f} s: {total.requests / wall:.1f} per second; "
        f"errors {total.errors} ({total.errors / max(1, total.requests):.2%}); statuses "
        + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items()))
        + ".",
        "",
        "| endpoint | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) | slowest (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = f"**{row.what}**" if row is total else f"`{row.what}`"
        lines.append(
            f"| {name} | {row.requests:,} | {row.errors} | {row.p50:.0f} | {row.p95:.0f} | "
            f"{row.p99:.0f} | {row.slowest:.0f} |"
        )
    return [*lines, ""]


def bench(db: str | None, args: argparse.Namespace) -> tuple[list[str], bool]:
    """Every run on one ledger: the report's lines for it, and whether anything failed."""
    database, url, size = prepare(db)
    backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        database.engine.dialect.name, database.engine.dialect.name
    )
    issued = tokens(database, args.users)
    ledger = ledger_ids(database)
    database.dispose()
    port = args.port or free_port()
    log = Path(tempfile.gettempdir()) / f"policyledger-bench-load-{port}.log"
    server = start_server(url, port, log)
    runs = []
    try:
        for think in args.think:
            print(
                f"{backend}: {args.users} users, {args.seconds:g} s, think {think:g} s …",
                file=sys.stderr,
            )
            base = f"http://127.0.0.1:{port}"
            results, wall = asyncio.run(
                run_load(base, issued, ledger, args.users, args.seconds, think)
            )
            runs.append((think, results, wall))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    tracebacks, exceptions = server_errors(log)
    lines = [
        f"### {backend}",
        "",
        f"{size['targets']:,} targets and {size['observations']:,} observations before the runs.",
        "",
    ]
    failed = bool(tracebacks)
    for think, results, wall in runs:
        lines += table(results, args.users, think, wall)
        if results.errors:
            failed = True
            lines += ["Errors, by status and answer (status 0: no answer):", ""]
            for (status, answer), n in results.errors.most_common(8):
                example = results.examples[(status, answer)]
                lines.append(f"- {n} × {status} `{answer.strip() or '(empty)'}` (e.g. `{example}`)")
            lines.append("")
    lines.append(f"Tracebacks in the server log: {tracebacks}.")
    lines += [f"- {n} × `{line}`" for line, n in exceptions.most_common(5)]
    if failed:
        print(f"{backend}: errors; see the server log {log}", file=sys.stderr)
    return [*lines, ""], failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", metavar="PATH_OR_URL", help=f"the ledger (default: {CACHED})")
    parser.add_argument(
        "--postgres",
        metavar="SERVER_URL",
        nargs="?",
        const=DEFAULT_POSTGRES,
        help="also run on a scratch database of this PostgreSQL server, built and dropped "
        f"(default server: {DEFAULT_POSTGRES})",
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[1.0, 0.0],
        help="mean seconds between a user's requests, one run per value (default: 1 0)",
    )
    parser.add_argument("--port", type=int, help="the server's port (default: a free one)")
    parser.add_argument("--no-write", action="store_true", help="do not update the report")
    args = parser.parse_args()

    lines = [
        f"Written by `python benchmarks/bench_load.py` on {dt.date.today().isoformat()} "
        f"({os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}; "
        "the load clients run on the same machine as the server).",
        "",
        "The synthetic ledger of bench_ledger (12,300 targets, 738,000 observations, assessed "
        f"at {AS_OF}) behind `policyledger serve` (one uvicorn process, the site with the API "
        f"under /api). {args.users} simulated users for {args.seconds:g} s each run, each with "
        "its own connection and API token (a viewer's for reads, a supervisor's for writes), "
        "looping over: "
        + ", ".join(f"`{kind}` {weight} %" for kind, weight in MIX.items())
        + " (a page of 50 targets at a random offset, random targets and plans; a write reports "
        "an approved value for a random target and a month of 2026). Any answer other than 2xx, "
        "a connection error or a time-out counts as an error. Goal: error rate 0; p95 recorded.",
        "",
    ]
    section, failed = bench(args.db, args)
    lines += section
    if args.postgres:
        url, drop = scratch_database(args.postgres, prefix="policyledger_bench_load")
        try:
            section, failed_there = bench(url, args)
        finally:
            drop()
        lines += section
        failed = failed or failed_there
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        report.write_section("load", f"API under load ({args.users} concurrent users)", text)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
