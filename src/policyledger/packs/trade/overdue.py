"""The trade pack's overdue items for the overview (``Pack(overdue=…)``, see
:mod:`policyledger.packdata.overdue`): the complaints of foreign-invested enterprises that are
past their handling deadline on the overview's date (the complaints ledger of
:func:`policyledger.packs.trade.results.complaints_ledger`, through ``trade.complaints``),
oldest deadline first, each linking to its line of the ledger page
(``/packs/trade/complaints#<id>``) and saying, in Chinese and in English, the deadline (as
recorded, or computed by the rule) and the working days overdue. When the rule cannot run, the
hook raises its one-line reason and the overview shows it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from sqlalchemy.orm import Session

from policyledger.packdata.overdue import OverdueItem
from policyledger.packs.trade.results import complaints_ledger
from policyledger.rules import RulesError

PACK = "trade"
SOURCE_ZH = {"given": "登记的期限", "from_acceptance": "受理起算", "from_receipt": "收到起算"}
SOURCE_EN = {
    "given": "as recorded",
    "from_acceptance": "counted from acceptance",
    "from_receipt": "counted from receipt",
}


def items(session: Session, on: dt.date) -> list[OverdueItem]:
    """The complaints overdue on ``on``, oldest deadline first."""
    block = complaints_ledger(session, on)
    if block.error is not None or block.result is None:
        raise RulesError(block.error or "the complaints ledger could not be computed")
    states = {s.id: s for s in block.result.complaints}
    subjects = {c.id: c.subject for c in block.complaints}
    mark_zh, mark_en = ("（合成数据）", " (SYNTHETIC)") if block.synthetic else ("", "")
    out = []
    for late in block.result.overdue:
        source = states[late.id].deadline_source
        subject = f"：{subjects[late.id]}" if subjects.get(late.id) else ""
        out.append(
            OverdueItem(
                PACK,
                f"外商投资企业投诉 {late.id} 逾期未办结{mark_zh}",
                f"Complaint {late.id} of a foreign-invested enterprise overdue{mark_en}",
                f"{late.enterprise}{subject}；承办：{late.body or '未指定承办单位'}；"
                f"办结期限 {late.deadline}（{SOURCE_ZH[source]}），"
                f"已逾期{late.days_overdue}个工作日",
                f"{late.enterprise}; handled by {late.body or 'no body assigned'}; due "
                f"{late.deadline} ({SOURCE_EN[source]}), {late.days_overdue} working days overdue",
                f"/packs/trade/complaints#{quote(late.id)}",
                late.deadline,
                late.days_overdue,
            )
        )
    return out
