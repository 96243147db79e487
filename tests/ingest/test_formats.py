"""A gazette read from PDF or DOCX gives the same extraction as the text file."""

from __future__ import annotations

from policyledger.ingest import extract_text
from policyledger.ingest.sources import read_source


def _without_source(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "source"}


def test_docx_extracts_like_text(sample_docx, sample_extraction):
    source = read_source(sample_docx)
    data = extract_text(source.text, source.name).to_dict()
    assert source.kind == "docx"
    assert _without_source(data) == _without_source(sample_extraction)


def test_pdf_extracts_like_text(pdf_source, sample_extraction):
    data = extract_text(pdf_source.text, pdf_source.name).to_dict()
    assert pdf_source.kind == "pdf"
    assert _without_source(data) == _without_source(sample_extraction)
