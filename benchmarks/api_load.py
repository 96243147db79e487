"""Load test of the API's list endpoints: concurrent clients against ``api.server.serve``
(uvicorn) on a ledger (e.g. one made by ``bench_ledger``); prints p50/p95 per endpoint.

    .venv/bin/python benchmarks/api_load.py sqlite:////tmp/bench.db \
        [--seconds 30] [--clients 20] [--think 0] [--workers 1]

Each client sends one request after the other (``--think S``: waits a random 0–2·S seconds
between requests, like a person reading the page). The goal (brief): every list endpoint
answers with p95 under 150 ms with 20 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from urllib.parse import quote

import httpx

PORT = 8765
URLS = [
    "/gazettes",
    "/documents",
    f"/documents?q={quote('外贸')}",
    "/plans",
    "/tasks",
    f"/tasks?body={quote('市商务委')}",
    f"/tasks?body={quote('渝中区')}&offset=200",
    "/targets",
    f"/targets?q={quote('外贸进出口总值')}",
    "/targets?body=cq.sww",
    "/targets?status=behind",
    "/targets?warning=red&as_of=2025-12-31&offset=1000",
    f"/targets?year=2024&unit={quote('%')}",
    "/targets?offset=12000",
    "/targets/{target}/observations?history=true",
    "/targets/{target}/observations",
    "/bodies",
    "/bodies?kind=district",
    "/districts",
    "/assessments",
    "/assessments?warning=red&body=cq.sww",
    "/audit",
    "/audit?entity=document",
    "/audit?actor=bench&offset=5000",
    "/rankings?kind=department",
    "/rankings?kind=district",
]


async def _worker(
    client: httpx.AsyncClient, urls: list[str], stop: float, think: float, out: dict
) -> None:
    i = random.randrange(len(urls))
    while time.perf_counter() < stop:
        if think:
            await asyncio.sleep(random.uniform(0, 2 * think))
        url = urls[i % len(urls)]
        i += 1
        started = time.perf_counter()
        response = await client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
        out.setdefault(url, []).append(elapsed)


async def _run(seconds: float, clients: int, think: float) -> dict[str, list[float]]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    base = f"http://127.0.0.1:{PORT}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        first = (await client.get("/targets?limit=1")).json()["items"][0]["id"]
        urls = [u.replace("{target}", str(first)) for u in URLS]
        for url in urls:  # warm up
            await client.get(url)
        out: dict[str, list[float]] = {}
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(_worker(client, urls, stop, think, out) for _ in range(clients)))
        return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    seconds, clients = args.seconds, args.clients
    code = (
        "from policyledger.storage import open_database\n"
        "from policyledger.api.server import serve\n"
        f"serve(open_database({args.url!r}, migrate=False), port={PORT}, "
        f"workers={args.workers})\n"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        results = asyncio.run(_run(seconds, clients, args.think))
    finally:
        server.terminate()
        server.wait()
    every = [v for values in results.values() for v in values]
    print(
        f"{clients} clients (think {args.think}s), {args.workers} worker(s), {seconds:.0f}s, "
        f"{len(every)} requests, {len(every) / seconds:.0f}/s"
    )
    print(f"{'endpoint':60} {'n':>5} {'p50':>7} {'p95':>7}")
    for path, values in results.items():
        print(f"{path[:60]:60} {len(values):5} {_p(values, 50):7.1f} {_p(values, 95):7.1f}")
    print(f"{'all':60} {len(every):5} {_p(every, 50):7.1f} {_p(every, 95):7.1f}")


if __name__ == "__main__":
    main()
