"""A readable Chinese summary of an extraction: the issue, its documents and plans, task and
target counts, and each plan's targets as a table. Used by ``policyledger extract`` without
``--json``.
"""

from __future__ import annotations

import unicodedata

_RELATION_SIGNS = {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}
_CHANGE_WORDS = {"decrease": "下降", "increase": "增长"}
_ORDINALS = "一二三四五六七八九十"


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` columns."""
    if display_width(text) > width:
        out, used = [], 0
        for c in text:
            w = display_width(c)
            if used + w > width - 1:
                break
            out.append(c)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - display_width(text))


def format_value(target: dict) -> str:
    """ "下降 14%", "≥ 4.32万吨", "≈ 40%", "≤ 6个工作日", "每年 ≥ 10场"."""
    value = target["value"]
    number = f"{value:g}" if isinstance(value, float) else str(value)
    amount = f"{number}{target['unit']}"
    if target.get("change"):
        text = f"{_CHANGE_WORDS[target['change']]} {amount}"
    else:
        text = f"{_RELATION_SIGNS.get(target['relation'], target['relation'])} {amount}"
    if target.get("per_year"):
        text = ("年均" if target.get("change") else "每年") + " " + text
    return text


def _table(rows: list[list[str]], widths: list[int]) -> list[str]:
    return [
        "    " + "  ".join(_fit(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def render_summary(data: dict) -> str:
    """The summary text for an extraction in its JSON-ready form."""
    lines: list[str] = []
    gazette = data.get("gazette")
    if gazette:
        issue = f"{gazette.get('year')}年第{gazette.get('issue')}期"
        if gazette.get("cumulative_issue"):
            issue += f"（总第{gazette['cumulative_issue']}期）"
        published = f"，{gazette['published']} 出版" if gazette.get("published") else ""
        lines.append(f"《{gazette['title']}》{issue}{published}")
    else:
        lines.append(f"文件：{data.get('source')}")
    docs = data["documents"]
    n_plans = sum(len(d["plans"]) for d in docs)
    n_tasks = sum(len(d["tasks"]) for d in docs)
    n_targets = sum(len(d["targets"]) for d in docs)
    units = data.get("canonical_units", [])
    unknown = sum(1 for u in units if not u["known"])
    lines.append(
        f"文件 {len(docs)} 份 · 方案 {n_plans} 个 · 任务 {n_tasks} 项 · "
        f"量化目标 {n_targets} 个 · 责任单位 {len(units)} 个（未在名录中 {unknown} 个）"
    )
    if not docs:
        lines.append("未识别出文件结构。")
    for i, doc in enumerate(docs):
        lines.append("")
        ordinal = _ORDINALS[i] if i < len(_ORDINALS) else str(i + 1)
        number = f"{doc['doc_number']}  " if doc.get("doc_number") else ""
        lines.append(f"{ordinal}、{number}{doc['title']}")
        signed = "  ".join(x for x in (doc.get("issuer"), doc.get("date")) if x)
        if signed:
            lines.append(f"  发文：{signed}")
        for plan in doc["plans"]:
            lines.extend(_plan_lines(doc, plan))
    if unknown:
        names = "、".join(u["written"] for u in units if not u["known"])
        lines.append("")
        lines.append(f"未在单位名录中的责任单位（按原文保留）：{names}")
    return "\n".join(lines) + "\n"


def _plan_lines(doc: dict, plan: str) -> list[str]:
    tasks = [t for t in doc["tasks"] if t["plan"] == plan]
    targets = [t for t in doc["targets"] if t["plan"] == plan]
    with_units = sum(1 for t in tasks if t["units"])
    lines = [
        f"  方案：{plan}",
        f"    任务 {len(tasks)} 项（其中 {with_units} 项写明责任单位），量化目标 {len(targets)} 个",
    ]
    if targets:
        rows = [["条款", "指标", "目标", "年份", "基期"]]
        for t in targets:
            metric = f"{t['scope']}·{t['metric']}" if t.get("scope") else t["metric"]
            rows.append(
                [
                    t["path"] or "—",
                    metric or "—",
                    format_value(t),
                    str(t["year"]) if t["year"] else "—",
                    t["baseline"] or "—",
                ]
            )
        lines.extend(_table(rows, [8, 40, 18, 4, 6]))
    return lines
