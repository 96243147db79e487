"""End-to-end fixtures: the site served on a free local port over a prepared ledger (the sample
gazette, the published statistics, the energy pack's synthetic data, assessments at year ends
and today, and a user of each role), and Debian's Chromium driven by Playwright: ``page`` is
signed in as an administrator through the login form, ``anonymous_page`` as nobody,
``page_as(username)`` as anyone. Screenshots go to
``artifacts/screenshots`` (not committed).

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
from sqlalchemy import select

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
PASSWORD = "e2e password, not a real one"
PUBLISHED = "渝府办发〔2022〕107号"  # the trade plan's document is public
# user name → (role, body): the ledger fixture creates them
USERS = {
    "e2e-admin": ("admin", None),
    "e2e-supervisor": ("supervisor", None),
    "e2e-reporter": ("reporter", "cq.sww"),  # 市商务委
    "e2e-viewer": ("viewer", None),
}


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
    from policyledger.packs.energy.synthetic import load_synthetic

    with database.session() as session:
        load_synthetic(session, actor="e2e")  # the energy page's data (synthetic, labelled so)
    from policyledger.packs.mines.synthetic import load_synthetic as load_mines

    with database.session() as session:
        load_mines(session, actor="e2e")  # the mines pages' data (synthetic, labelled so)
    for as_of in (dt.date(2023, 12, 31), dt.date(2024, 12, 31), dt.date.today()):
        with database.session() as session:
            run_assessment(session, as_of, actor="e2e")
    from policyledger.auth import create_user
    from policyledger.storage.models import Body, Document

    with database.session() as session:
        for document in session.scalars(select(Document).where(Document.doc_number == PUBLISHED)):
            document.published = True
        for username, (role, body) in USERS.items():
            bound = session.get(Body, body) if body else None
            create_user(session, username, PASSWORD, role, body=bound, actor="e2e")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def server(ledger):
    """The site at http://127.0.0.1:PORT, served by uvicorn in a background thread."""
    import uvicorn

    from policyledger.web import create_site

    port = _free_port()
    site = create_site(ledger, secret_key="e2e-secret-key")
    config = uvicorn.Config(site, host="127.0.0.1", port=port, log_level="warning")
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


def sign_in(tab, username: str) -> None:
    """Sign in through the login form, as a person would."""
    tab.goto(tab.base + "/login")
    form = tab.get_by_test_id("login-form")
    form.get_by_label("用户名").fill(username)
    form.get_by_label("密码").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    tab.wait_for_load_state()
    assert tab.get_by_test_id("who").count() == 1, f"{username} did not sign in"


@pytest.fixture
def page_as(browser, server):
    """``page_as(username)``: a fresh browser page (desktop size, its own cookies) signed in as
    that user (``None``: anonymous); it knows the server's address as ``page.base``."""
    contexts = []

    def make(username: str | None):
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.base = server
        if username is not None:
            sign_in(tab, username)
        return tab

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_as):
    """A fresh browser page signed in as an administrator."""
    return page_as("e2e-admin")


@pytest.fixture
def anonymous_page(page_as):
    """A fresh browser page of a visitor who has not signed in."""
    return page_as(None)


def screenshot(page, name: str) -> None:
    """Save the page at desktop width and at a phone width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
