"""Fixtures shared by the ingest tests: the sample gazette built as a PDF and as a DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyledger.ingest import sources
from policyledger.ingest.sources import read_source
from tests.conftest import SAMPLE
from tests.ingest.document_builders import build_docx, build_pdf


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "gazette.pdf"
    build_pdf(SAMPLE.read_text(encoding="utf-8"), path)
    return path


@pytest.fixture(scope="session")
def pdf_source(sample_pdf) -> sources.SourceText:
    return read_source(sample_pdf)  # read once: pdfplumber takes a few seconds for 30 pages


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "gazette.docx"
    build_docx(SAMPLE.read_text(encoding="utf-8"), path)
    return path
