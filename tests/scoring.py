"""Score an extraction against a gold answer, the way the extraction spec defines it.

Targets are matched on (plan, value scaled by 万/亿, base unit, year), the closest metrics paired
first; tasks on (plan, path). Used by the accuracy tests; an independent implementation of the
spec's scoring rules, so a change in the extractor is measured the same way the customer does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

_IGNORED = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "[", "〕": "]", "％": "%"})
_MAGNITUDES = {"万": 10_000, "亿": 100_000_000}


def clean(text: object) -> str:
    return _IGNORED.sub("", "" if text is None else str(text)).translate(_BRACKETS)


def body(name: str) -> str:
    name = clean(name)
    return name[:-1] if name.endswith("等") else name


def path(p: object) -> str:
    parts = [part.strip("()、.．") for part in clean(p).split("/")]
    return "/".join(part for part in parts if part)


def target_key(t: dict) -> tuple:
    value, unit = float(t["value"]), body(t.get("unit") or "")
    while len(unit) > 1 and unit[0] in _MAGNITUDES:
        value *= _MAGNITUDES[unit[0]]
        unit = unit[1:]
    return clean(t.get("plan")), round(value, 6), unit, t.get("year")


def f1(tp: int, fp: int, fn: int) -> float:
    if tp + fp + fn == 0:
        return 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Score:
    target_f1: float
    targets_matched: int
    targets_missed: list[dict]
    targets_extra: list[dict]
    task_recall: float
    unit_f1: float
    document_fields: float
    lead_accuracy: float
    districts_accuracy: float


def _all(docs: list[dict], field: str) -> list[dict]:
    return [item for doc in docs for item in doc.get(field) or []]


def _match_targets(gold: list[dict], out: list[dict]) -> tuple[int, list[dict], list[dict]]:
    groups: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, t in enumerate(gold):
        groups[target_key(t)][0].append(i)
    for i, t in enumerate(out):
        groups[target_key(t)][1].append(i)
    matched_gold: set[int] = set()
    matched_out: set[int] = set()
    for gold_ids, out_ids in groups.values():
        pairs = sorted(
            (
                (
                    SequenceMatcher(
                        None, clean(gold[g]["metric"]), clean(out[o]["metric"])
                    ).ratio(),
                    g,
                    o,
                )
                for g in gold_ids
                for o in out_ids
            ),
            reverse=True,
        )
        for _, g, o in pairs:
            if g not in matched_gold and o not in matched_out:
                matched_gold.add(g)
                matched_out.add(o)
    missed = [t for i, t in enumerate(gold) if i not in matched_gold]
    extra = [t for i, t in enumerate(out) if i not in matched_out]
    return len(matched_gold), missed, extra


def score(gold: dict, out: dict) -> Score:
    gold_docs, out_docs = gold["documents"], out["documents"]
    by_number = {clean(d.get("doc_number")): d for d in out_docs}
    hits = total = 0
    for g in gold_docs:
        o = by_number.get(clean(g.get("doc_number")), {})
        for field in ("doc_number", "title", "issuer", "date"):
            total += 1
            hits += clean(g.get(field)) == clean(o.get(field))
        total += 1
        hits += [clean(p) for p in g.get("plans", [])] == [clean(p) for p in o.get("plans", [])]

    matched, missed, extra = _match_targets(_all(gold_docs, "targets"), _all(out_docs, "targets"))

    out_tasks = {(clean(t["plan"]), path(t["path"])): t for t in _all(out_docs, "tasks")}
    gold_tasks = _all(gold_docs, "tasks")
    found = tp = fp = fn = leads = districts = 0
    for g in gold_tasks:
        o = out_tasks.pop((clean(g["plan"]), path(g["path"])), None)
        gold_units = {body(u) for u in g["units"]}
        if o is None:
            fn += len(gold_units)
            continue
        found += 1
        out_units = {body(u) for u in o["units"]}
        tp += len(gold_units & out_units)
        fp += len(out_units - gold_units)
        fn += len(gold_units - out_units)
        leads += {body(u) for u in g["lead_units"]} == {body(u) for u in o["lead_units"]}
        districts += bool(g["districts_responsible"]) == bool(o["districts_responsible"])
    fp += sum(len(t["units"]) for t in out_tasks.values())  # units of tasks gold does not have
    return Score(
        target_f1=f1(matched, len(extra), len(missed)),
        targets_matched=matched,
        targets_missed=missed,
        targets_extra=extra,
        task_recall=found / len(gold_tasks) if gold_tasks else 0.0,
        unit_f1=f1(tp, fp, fn),
        document_fields=hits / total if total else 0.0,
        lead_accuracy=leads / found if found else 0.0,
        districts_accuracy=districts / found if found else 0.0,
    )
