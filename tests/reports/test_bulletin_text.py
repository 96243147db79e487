"""The bulletin's wording and small rules: periods and dates in Chinese, signed gaps, clause
paths, the output format from a file name, the web form's default period, the DOCX grid."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin import format_for
from policyledger.reports.bulletin.docx_style import char_space
from policyledger.reports.bulletin.text import (
    clause_text,
    date_text,
    gap_text,
    goal_text,
    in_unit,
    period_text,
)
from policyledger.storage.periods import parse_period
from policyledger.web.routes.bulletin import default_period


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("2024-12", "2024年12月"),
        ("2024-Q4", "2024年第四季度"),
        ("2024", "2024年"),
        ("2024-H1", "2024年上半年"),
        ("2024年3月", "2024年3月"),
    ],
)
def test_period_words(label, words):
    assert period_text(parse_period(label)) == words


def test_numbers_gaps_goals_and_clauses():
    assert date_text(dt.date(2026, 11, 27)) == "2026年11月27日"
    assert in_unit(0.71542, "万亿元") == "0.71542万亿元"
    assert in_unit(-5.72, "%", sign=True) == "−5.72%" and in_unit(5.3, "%", sign=True) == "+5.3%"
    assert gap_text(0.71542 - 1.0, "万亿元") == "−0.28458万亿元"
    assert gap_text(-4.7, "%") == "−4.7个百分点" and gap_text(None, "%") == "—"
    assert goal_text(14, "%", "decrease", ">=", False) == "比基期下降≥14%"
    assert goal_text(10, "场", None, ">=", True) == "每年≥10场"
    assert clause_text("二") == "二" and clause_text("三/一/1") == "三（一）1"


def test_format_from_the_file_name():
    assert format_for("通报.docx") == "docx" and format_for("a.PDF") == "pdf"
    assert format_for("a.htm") == "html" and format_for("a.bin", "pdf") == "pdf"
    with pytest.raises(PolicyLedgerError, match="cannot tell the format"):
        format_for("bulletin")


def test_default_period_is_the_last_complete_month():
    assert default_period(dt.date(2024, 12, 31)) == "2024-12"
    assert default_period(dt.date(2026, 11, 27)) == "2026-10"
    assert default_period(dt.date(2025, 1, 15)) == "2024-12"
    assert default_period(dt.date(2024, 2, 29)) == "2024-02"


def test_the_grid_gives_28_characters_of_16_pt_in_156_mm():
    pitch = 16 + char_space() / 4096
    assert 27.99 < (11906 - 1587 - 1474) / 20 / pitch < 28.01
