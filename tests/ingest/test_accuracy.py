"""Extraction accuracy on the sample gazette against its hand-checked gold answer.

Bounds are the customer's acceptance: target F1 ≥ 0.97, unit F1 ≥ 0.995, every task found,
every document field right.
"""

from __future__ import annotations

from tests.scoring import score


def _describe(targets: list[dict]) -> str:
    return "; ".join(
        f"[{t['path']}] {t['value']}{t['unit']} {t['year']} {t['metric']}" for t in targets
    )


def test_targets_f1_at_least_097(gold, sample_extraction):
    result = score(gold, sample_extraction)
    assert result.target_f1 >= 0.97, (
        f"F1 {result.target_f1:.3f}; missed: {_describe(result.targets_missed)}; "
        f"extra: {_describe(result.targets_extra)}"
    )


def test_units_f1_at_least_0995(gold, sample_extraction):
    assert score(gold, sample_extraction).unit_f1 >= 0.995


def test_every_task_found(gold, sample_extraction):
    assert score(gold, sample_extraction).task_recall == 1.0


def test_document_fields_exact(gold, sample_extraction):
    assert score(gold, sample_extraction).document_fields == 1.0


def test_leads_and_district_responsibility(gold, sample_extraction):
    result = score(gold, sample_extraction)
    assert result.lead_accuracy >= 0.98
    assert result.districts_accuracy >= 0.98


def test_gazette_metadata(gold, sample_extraction):
    assert sample_extraction["gazette"] == gold["gazette"]


def test_scorer_notices_a_wrong_answer(gold, sample_extraction):
    """The scorer itself must fail a broken extraction (guards against a vacuous test)."""
    broken = {
        "documents": [
            dict(d, targets=d["targets"][::2], tasks=d["tasks"][1:])
            for d in sample_extraction["documents"]
        ]
    }
    result = score(gold, broken)
    assert result.target_f1 < 0.8
    assert result.task_recall < 1.0
