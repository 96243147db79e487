"""End-to-end fixtures: the site served on a free local port over a prepared ledger (the sample
gazette, the published statistics, assessments at year ends and today), and Debian's Chromium
driven by Playwright. Screenshots go to ``artifacts/screenshots`` (not committed).

The ledger is a SQLite file of its own whatever database the rest of the suite runs on: these
tests look at pages, not at the database."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("POLICYLEDGER_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def ledger(tmp_path_factory):
    """A prepared ledger: the sample, the statistics, year-end and current assessments."""
    from policyledger.ingest import extract_text
    from policyledger.services.assessment import run_assessment
    from policyledger.storage import open_database
    from policyledger.storage.ingest import ingest_extraction
    from policyledger.storage.statistics import load_sample_statistics
    from tests.conftest import SAMPLE

    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'ledger.db'}")
    with database.session() as session:
        ingest_extraction(session, extract_text(SAMPLE.read_text("utf-8"), SAMPLE.name), "e2e")
    with database.session() as session:
        load_sample_statistics(session, actor="e2e")
    for as_of in (dt.date(2023, 12, 31), dt.date(2024, 12, 31), dt.date.today()):
        with database.session() as session:
            run_assessment(session, as_of, actor="e2e")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def server(ledger):
    """The site at http://127.0.0.1:PORT, served by uvicorn in a background thread."""
    import uvicorn

    from policyledger.web import create_site

    port = _free_port()
    config = uvicorn.Config(create_site(ledger), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_FLAGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser page (desktop size) that knows the server's address as ``page.base``."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base = server
    yield tab
    context.close()


def screenshot(page, name: str) -> None:
    """Save the page at desktop width and at a phone width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
